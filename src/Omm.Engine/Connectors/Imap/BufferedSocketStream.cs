using System;
using System.Diagnostics;
using System.IO;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Omm.Engine.Connectors.Imap
{
    /// <summary>
    /// A connected socket as a stream for MailKit: large receive and send buffers, and a stall timeout.
    /// </summary>
    /// <remarks>
    /// MailKit reads and writes its connection 4 KB at a time; over its own network stream each piece is a
    /// socket call with a timeout timer of its own, which dominated the CPU time of a bulk copy. Here a piece
    /// is served from (or added to) a 256 KB buffer, and one watchdog per connection breaks it when a socket
    /// call has made no progress for longer than the timeout. Pending output is sent before every receive, so
    /// nobody (MailKit, or an SslStream above this stream) can wait for an answer to bytes still held here.
    /// </remarks>
    internal sealed class BufferedSocketStream : Stream
    {
        private const int BufferSize = 256 * 1024;

        private readonly Socket socket;
        private readonly byte[] input = new byte[BufferSize];
        private readonly byte[] output = new byte[BufferSize];
        private readonly Timer watchdog;
        private int inputStart;
        private int inputEnd;
        private int outputLength;
        private Task<int>? lastRead;
        private long socketCallStarted;
        private TimeSpan stallTimeout;
        private volatile bool stalled;
        private bool disposed;

        public BufferedSocketStream(Socket socket, TimeSpan stallTimeout)
        {
            this.socket = socket;
            this.stallTimeout = stallTimeout;
            var period = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(50).Ticks, Math.Min(TimeSpan.FromSeconds(1).Ticks, stallTimeout.Ticks / 4)));
            watchdog = new Timer(_ => BreakIfStalled(), null, period, period);
        }

        /// <summary>Connects to host:port (every address the name resolves to, in turn).</summary>
        /// <exception cref="SocketException">No address accepted the connection.</exception>
        public static async Task<BufferedSocketStream> ConnectAsync(string host, int port, TimeSpan stallTimeout, CancellationToken cancellationToken)
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                using (cancellationToken.Register(() => socket.Dispose()))
                using (var delay = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                {
                    var connect = socket.ConnectAsync(host, port);
                    var finished = await Task.WhenAny(connect, Task.Delay(stallTimeout, delay.Token)).ConfigureAwait(false);
                    delay.Cancel();
                    if (finished != connect)
                    {
                        socket.Dispose();
                        cancellationToken.ThrowIfCancellationRequested();
                        _ = connect.ContinueWith(t => t.Exception, TaskScheduler.Default);
                        throw new TimeoutException($"No answer within {Seconds(stallTimeout)} s.");
                    }
                    await connect.ConfigureAwait(false);
                }
                return new BufferedSocketStream(socket, stallTimeout);
            }
            catch (ObjectDisposedException) when (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(cancellationToken);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        public override bool CanRead => true;

        public override bool CanWrite => true;

        public override bool CanSeek => false;

        public override bool CanTimeout => true;

        public override int ReadTimeout
        {
            get => (int)stallTimeout.TotalMilliseconds;
            set => stallTimeout = value <= 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(value);
        }

        public override int WriteTimeout
        {
            get => ReadTimeout;
            set => ReadTimeout = value;
        }

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            if (inputStart == inputEnd)
                return ReceiveAsync(buffer, offset, count, cancellationToken);

            // Most reads are served from the buffer, in MailKit's pieces of the same size: one task per size, not per read.
            var taken = TakeInput(buffer, offset, count);
            var last = lastRead;
            if (last != null && last.Result == taken)
                return last;
            return lastRead = Task.FromResult(taken);
        }

        private async Task<int> ReceiveAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            await SendOutputAsync(cancellationToken).ConfigureAwait(false);
            var received = await SocketCallAsync(() => socket.ReceiveAsync(new ArraySegment<byte>(input), SocketFlags.None), cancellationToken)
                .ConfigureAwait(false);
            inputStart = 0;
            inputEnd = received;
            return received == 0 ? 0 : TakeInput(buffer, offset, count);
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (inputStart == inputEnd)
            {
                Flush();
                inputStart = 0;
                inputEnd = SocketCall(() => socket.Receive(input, 0, input.Length, SocketFlags.None));
                if (inputEnd == 0)
                    return 0;
            }

            return TakeInput(buffer, offset, count);
        }

        public override async Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            while (count > 0)
            {
                if (outputLength == output.Length)
                    await SendOutputAsync(cancellationToken).ConfigureAwait(false);
                var n = AddOutput(buffer, offset, count);
                offset += n;
                count -= n;
            }
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            while (count > 0)
            {
                if (outputLength == output.Length)
                    Flush();
                var n = AddOutput(buffer, offset, count);
                offset += n;
                count -= n;
            }
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => SendOutputAsync(cancellationToken);

        public override void Flush()
        {
            var sent = 0;
            while (sent < outputLength)
                sent += SocketCall(() => socket.Send(output, sent, outputLength - sent, SocketFlags.None));
            outputLength = 0;
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing && !disposed)
            {
                disposed = true;
                watchdog.Dispose();
                socket.Dispose();
            }
            base.Dispose(disposing);
        }

        private int TakeInput(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(count, inputEnd - inputStart);
            Buffer.BlockCopy(input, inputStart, buffer, offset, n);
            inputStart += n;
            return n;
        }

        private int AddOutput(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(count, output.Length - outputLength);
            Buffer.BlockCopy(buffer, offset, output, outputLength, n);
            outputLength += n;
            return n;
        }

        private async Task SendOutputAsync(CancellationToken cancellationToken)
        {
            var sent = 0;
            while (sent < outputLength)
            {
                var from = sent;
                sent += await SocketCallAsync(() => socket.SendAsync(new ArraySegment<byte>(output, from, outputLength - from), SocketFlags.None), cancellationToken)
                    .ConfigureAwait(false);
            }
            outputLength = 0;
        }

        private async Task<int> SocketCallAsync(Func<Task<int>> call, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ThrowIfBroken();
            Volatile.Write(ref socketCallStarted, Stopwatch.GetTimestamp());
            try
            {
                using (cancellationToken.Register(() => socket.Dispose()))
                    return await call().ConfigureAwait(false);
            }
            catch (Exception e) when (e is ObjectDisposedException || e is SocketException)
            {
                cancellationToken.ThrowIfCancellationRequested();
                ThrowIfBroken();
                throw new IOException(e.Message, e);
            }
            finally
            {
                Volatile.Write(ref socketCallStarted, 0);
            }
        }

        private int SocketCall(Func<int> call)
        {
            ThrowIfBroken();
            Volatile.Write(ref socketCallStarted, Stopwatch.GetTimestamp());
            try
            {
                return call();
            }
            catch (Exception e) when (e is ObjectDisposedException || e is SocketException)
            {
                ThrowIfBroken();
                throw new IOException(e.Message, e);
            }
            finally
            {
                Volatile.Write(ref socketCallStarted, 0);
            }
        }

        private void ThrowIfBroken()
        {
            if (stalled)
                throw new IOException($"Nothing moved on the connection for {Seconds(stallTimeout)} s; it counts as broken.", new TimeoutException());
            if (disposed)
                throw new ObjectDisposedException(nameof(BufferedSocketStream));
        }

        private void BreakIfStalled()
        {
            var started = Volatile.Read(ref socketCallStarted);
            if (started == 0 || stallTimeout == Timeout.InfiniteTimeSpan)
                return;
            var waited = TimeSpan.FromSeconds((Stopwatch.GetTimestamp() - started) / (double)Stopwatch.Frequency);
            if (waited > stallTimeout)
            {
                stalled = true;
                socket.Dispose();
            }
        }

        private static string Seconds(TimeSpan timeout) => timeout.TotalSeconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
    }
}
