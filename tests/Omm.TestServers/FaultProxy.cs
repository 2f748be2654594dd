using System.Net;
using System.Net.Sockets;

namespace Omm.TestServers;

/// <summary>
/// A TCP proxy on loopback between a client under test and a real server, that cuts connections after
/// a given number of bytes in either direction (mid-literal, mid-response), as a flaky network would, or
/// stops forwarding there and holds the connection open, as a network that swallows packets would; and
/// keeps every byte the client sent, as an eavesdropper on the network would see it.
/// </summary>
public sealed class FaultProxy : LoopbackProxy
{
    private readonly MemoryStream clientSent = new();
    private int cuts;
    private int cutsLeft;

    private FaultProxy(string targetHost, int targetPort, IPAddress listenOn)
        : base(targetHost, targetPort, listenOn)
    {
        Listen();
    }

    public static FaultProxy Start(DovecotServer server) => new(server.Host, server.Port, IPAddress.Loopback);

    /// <summary>A proxy to any TCP server, listening on loopback or on another address of this machine.</summary>
    public static FaultProxy Start(string host, int port, IPAddress? listenOn = null) => new(host, port, listenOn ?? IPAddress.Loopback);

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

    public int Cuts => Volatile.Read(ref cuts);

    /// <summary>Called as a connection is about to be cut (before the client sees it closed), on the proxy's thread.</summary>
    public Action? Cutting { get; set; }

    /// <summary>Every byte clients sent through the proxy so far, all connections in arrival order.</summary>
    public byte[] ClientSent()
    {
        lock (clientSent)
            return clientSent.ToArray();
    }

    protected override bool ResetOnClose => true;

    protected override async Task RelayAsync(int number, TcpClient client, TcpClient server)
    {
        using var cut = CancellationTokenSource.CreateLinkedTokenSource(Closing.Token);
        var factor = CutPointFactor();
        var down = PumpAsync(server.GetStream(), client.GetStream(), () => (long?)(CutServerToClientAfter * factor), cut);
        var up = PumpAsync(client.GetStream(), server.GetStream(), () => (long?)(CutClientToServerAfter * factor), cut, clientSent);
        await Task.WhenAny(down, up);
        cut.Cancel();
        await Task.WhenAll(Quietly(down), Quietly(up));
    }

    private double CutPointFactor()
    {
        var random = RandomCutPoints;
        if (random == null)
            return 1;
        lock (random)
            return 0.5 + random.NextDouble();
    }

    /// <summary>Copies one direction; stops after the limit when a cut is still allowed, closing the whole connection.</summary>
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
                Cutting?.Invoke();
                return true;
            }
        }
    }
}
