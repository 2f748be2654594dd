using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Omm.TestServers;

/// <summary>
/// A throwaway dnsmasq (Debian's dnsmasq-base) on 127.0.0.1 and a free port, answering only the records given on its
/// command line (--mx-host, --srv-host, --cname, --host-record...): no upstream servers, no /etc/hosts. The domains given
/// as local are answered "no such name" for anything not declared, as a real authoritative server would. Dispose stops it by its PID.
/// </summary>
public sealed class DnsmasqServer : IDisposable
{
    private const string Program = "/usr/sbin/dnsmasq";

    private readonly DavServerProcess process;

    private DnsmasqServer(DavServerProcess process, int port)
    {
        this.process = process;
        Port = port;
    }

    public int Port { get; }

    public IPEndPoint EndPoint => new(IPAddress.Loopback, Port);

    /// <summary>dnsmasq's own output (its query log).</summary>
    public string Log => process.Output;

    /// <param name="localDomains">Domains dnsmasq answers alone (NXDOMAIN for unknown names), e.g. "contoso.test".</param>
    /// <param name="records">dnsmasq options declaring records, e.g. "--mx-host=contoso.test,mx1.mail.ovh.net,1".</param>
    public static DnsmasqServer Start(IEnumerable<string> localDomains, params string[] records)
    {
        if (!File.Exists(Program))
            throw new InvalidOperationException($"{Program} is missing; the discovery tests need Debian's dnsmasq-base package (scripts/install-prerequisites.sh installs it).");
        var port = FreePort.Next();
        var arguments = new List<string>
        {
            "--keep-in-foreground", "--no-resolv", "--no-hosts", "--no-poll", "--bind-interfaces",
            "--listen-address=127.0.0.1", $"--port={port}", "--pid-file=", "--log-queries", "--log-facility=-",
        };
        arguments.AddRange(localDomains.Select(d => $"--local=/{d}/"));
        arguments.AddRange(records);
        var process = DavServerProcess.Start(Program, arguments, Path.GetTempPath());
        try
        {
            WaitUntilListening(process, port);
            return new DnsmasqServer(process, port);
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }

    public void Dispose() => process.Dispose();

    private static void WaitUntilListening(DavServerProcess process, int port)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                if (process.HasExited)
                    break;
                Thread.Sleep(50);
            }
        }

        throw new InvalidOperationException($"dnsmasq did not listen on 127.0.0.1:{port}:\n{process.Output}");
    }
}
