using System.Net;
using System.Net.Sockets;

namespace Omm.TestServers;

/// <summary>
/// A TCP proxy on loopback between a client under test and a real server, that cuts connections after
/// a given number of bytes in either direction (mid-literal, mid-response), as a flaky network would, or
/// stops forwarding there and holds the connection open, as a network that swallows packets would; and
/// keeps every byte the client sent, as an eavesdropper on the network would see it.
/// </summary>
public sealed class FaultProxy : IDisposable
{
    private readonly TcpListener listener;
    private readonly string targetHost;
    private readonly int targetPort;
    private readonly CancellationTokenSource closing = new();
    private readonly List<TcpClient> open = new();
    private readonly MemoryStream clientSent = new();
    private int connections;
    private int cuts;
    private int cutsLeft;

    private FaultProxy(string targetHost, int targetPort, IPAddress listenOn)
    {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        listener = new TcpListener(listenOn, 0);
        listener.Start();
        _ = AcceptAsync();
    }

    public static FaultProxy Start(DovecotServer server) => new(server.Host, server.Port, IPAddress.Loopback);

    /// <summary>A proxy to any TCP server, listening on loopback or on another address of this machine.</summary>
    public static FaultProxy Start(string host, int port, IPAddress? listenOn = null) => new(host, port, listenOn ?? IPAddress.Loopback);

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public string Host => ((IPEndPoint)listener.LocalEndpoint).Address.ToString();

    public string Address => $"{Host}:{Port}";

    /// <summary>Cut a connection once the server has sent it this many bytes (null: never).</summary>
    public long? CutServerToClientAfter { get; set; }

    /// <summary>Cut a connection once the client has sent this many bytes on it (null: never).</summary>
    public long? CutClientToServerAfter { get; set; }

    /// <summary>
    /// When set, each connection cuts at its own point, drawn between half and one and a half times the
    /// limits above, so that cuts fall anywhere in a long run.
    /// </summary>
    public Random? RandomCutPoints { get; set; }

    /// <summary>At the limit, stop forwarding and keep the connection open (a stall) instead of closing it.</summary>
    public bool StallInsteadOfCut { get; set; }

    /// <summary>How many connections may still be cut; the others pass untouched.</summary>
    public int CutsLeft
    {
        get => Volatile.Read(ref cutsLeft);
        set => Volatile.Write(ref cutsLeft, value);
    }

    public int Connections => Volatile.Read(ref connections);

    public int Cuts => Volatile.Read(ref cuts);

    /// <summary>Every byte clients sent through the proxy so far, all connections in arrival order.</summary>
    public byte[] ClientSent()
    {
        lock (clientSent)
            return clientSent.ToArray();
    }

    private async Task AcceptAsync()
    {
        while (!closing.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(closing.Token);
            }
            catch (Exception) when (closing.IsCancellationRequested)
            {
                return;
            }

            Interlocked.Increment(ref connections);
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using var server = new TcpClient();
        using (client)
        {
            lock (open)
                open.Add(client);
            try
            {
                await server.ConnectAsync(targetHost, targetPort, closing.Token);
                using var cut = CancellationTokenSource.CreateLinkedTokenSource(closing.Token);
                var factor = CutPointFactor();
                var down = PumpAsync(server.GetStream(), client.GetStream(), () => (long?)(CutServerToClientAfter * factor), cut);
                var up = PumpAsync(client.GetStream(), server.GetStream(), () => (long?)(CutClientToServerAfter * factor), cut, clientSent);
                await Task.WhenAny(down, up);
                cut.Cancel();
                await Task.WhenAll(Quietly(down), Quietly(up));
            }
            catch (Exception)
            {
                // The test's client sees a closed connection; that is the point.
            }
            finally
            {
                client.Client.LingerState = new LingerOption(true, 0);
                lock (open)
                    open.Remove(client);
            }
        }
    }

    /// <summary>Copies one direction; stops after the limit when a cut is still allowed, closing the whole connection.</summary>
    private double CutPointFactor()
    {
        var random = RandomCutPoints;
        if (random == null)
            return 1;
        lock (random)
            return 0.5 + random.NextDouble();
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to, Func<long?> limit, CancellationTokenSource cut, MemoryStream? record = null)
    {
        var buffer = new byte[16 * 1024];
        long sent = 0;
        while (!cut.IsCancellationRequested)
        {
            var read = await from.ReadAsync(buffer, cut.Token);
            if (read == 0)
                return;
            if (record != null)
            {
                lock (record)
                    record.Write(buffer, 0, read);
            }

            var max = limit();
            if (max is long threshold && sent + read >= threshold && TakeCut())
            {
                var part = (int)Math.Max(0, threshold - sent);
                await to.WriteAsync(buffer.AsMemory(0, part), cut.Token);
                if (StallInsteadOfCut)
                    await DrainAsync(from, cut.Token);
                return;
            }

            await to.WriteAsync(buffer.AsMemory(0, read), cut.Token);
            sent += read;
        }
    }

    /// <summary>Reads and drops what the sender still sends until it gives up on the connection.</summary>
    private static async Task DrainAsync(NetworkStream from, CancellationToken token)
    {
        var sink = new byte[16 * 1024];
        while (await from.ReadAsync(sink, token) > 0)
        {
        }
    }

    private bool TakeCut()
    {
        while (true)
        {
            var left = Volatile.Read(ref cutsLeft);
            if (left <= 0)
                return false;
            if (Interlocked.CompareExchange(ref cutsLeft, left - 1, left) == left)
            {
                Interlocked.Increment(ref cuts);
                return true;
            }
        }
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception)
        {
        }
    }

    public void Dispose()
    {
        closing.Cancel();
        listener.Stop();
        lock (open)
        {
            foreach (var client in open)
                client.Dispose();
        }

        closing.Dispose();
    }
}
