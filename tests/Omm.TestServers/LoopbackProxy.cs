using System.Net;
using System.Net.Sockets;

namespace Omm.TestServers;

/// <summary>
/// What the tests' proxies share: a listener on this machine, a connection to the real server for each
/// client connection, the connections still open (closed when the proxy goes), and how many there were.
/// What passes between client and server is the subclass's business.
/// </summary>
public abstract class LoopbackProxy : IDisposable
{
    private readonly TcpListener listener;
    private readonly string targetHost;
    private readonly int targetPort;
    private readonly List<TcpClient> open = new();
    private int connections;

    protected LoopbackProxy(string targetHost, int targetPort, IPAddress listenOn)
    {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        listener = new TcpListener(listenOn, 0);
        listener.Start();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public string Host => ((IPEndPoint)listener.LocalEndpoint).Address.ToString();

    public string Address => $"{Host}:{Port}";

    /// <summary>How many client connections the proxy took.</summary>
    public int Connections => Volatile.Read(ref connections);

    protected CancellationTokenSource Closing { get; } = new();

    /// <summary>Close client connections with a reset instead of an orderly close (as a cut network does).</summary>
    protected virtual bool ResetOnClose => false;

    /// <summary>Starts taking connections; called by a subclass once it is ready to relay.</summary>
    protected void Listen() => _ = AcceptAsync();

    /// <summary>Carries one client connection, numbered from 1, to the server it is connected to, until either side ends it.</summary>
    protected abstract Task RelayAsync(int number, TcpClient client, TcpClient server);

    protected static async Task Quietly(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception)
        {
        }
    }

    private async Task AcceptAsync()
    {
        while (!Closing.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(Closing.Token);
            }
            catch (Exception) when (Closing.IsCancellationRequested)
            {
                return;
            }

            _ = ServeAsync(Interlocked.Increment(ref connections), client);
        }
    }

    private async Task ServeAsync(int number, TcpClient client)
    {
        using var server = new TcpClient();
        using (client)
        {
            lock (open)
                open.Add(client);
            try
            {
                await server.ConnectAsync(targetHost, targetPort, Closing.Token);
                await RelayAsync(number, client, server);
            }
            catch (Exception)
            {
                // The client under test sees a closed connection.
            }
            finally
            {
                if (ResetOnClose)
                    client.Client.LingerState = new LingerOption(true, 0);
                lock (open)
                    open.Remove(client);
            }
        }
    }

    public void Dispose()
    {
        Closing.Cancel();
        listener.Stop();
        lock (open)
        {
            foreach (var client in open)
                client.Dispose();
        }

        Closing.Dispose();
        GC.SuppressFinalize(this);
    }
}
