using System.Net;
using Omm.Engine.Connectors.Dav;
using Omm.TestServers;

namespace Omm.Engine.Tests.Dav;

/// <summary>One Radicale (users alice and bob) and one Xandikos for a test class; tests make their own collections.</summary>
public sealed class DavServersFixture : IDisposable
{
    public const string RadicaleName = "radicale";
    public const string XandikosName = "xandikos";

    public DavServersFixture()
    {
        Radicale = RadicaleServer.Start("alice", "bob");
        try
        {
            Xandikos = XandikosServer.Start();
        }
        catch
        {
            Radicale.Dispose();
            throw;
        }
    }

    public RadicaleServer Radicale { get; }

    public XandikosServer Xandikos { get; }

    /// <summary>A client of alice on Radicale or of the only user of Xandikos, from the bare server URL.</summary>
    public DavClient Client(string server) => server switch
    {
        RadicaleName => new DavClient(Radicale.Url, new NetworkCredential("alice", Radicale.Password), skipCertificateCheck: false),
        XandikosName => new DavClient(Xandikos.Url, null, skipCertificateCheck: false),
        _ => throw new ArgumentOutOfRangeException(nameof(server)),
    };

    public void Dispose()
    {
        Xandikos.Dispose();
        Radicale.Dispose();
    }
}
