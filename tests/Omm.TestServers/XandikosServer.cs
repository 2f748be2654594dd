namespace Omm.TestServers;

/// <summary>
/// A private Xandikos CalDAV/CardDAV server (Debian's xandikos package) on 127.0.0.1 and a free port, storing in its
/// own temporary folder. It has no login. Started with --defaults: the principal is /user/, with the calendar
/// /user/calendars/calendar/ and the address book /user/contacts/addressbook/. Dispose stops it and deletes the folder.
/// </summary>
public sealed class XandikosServer : IDisposable
{
    private const string Program = "/usr/bin/xandikos";

    private readonly DavServerProcess process;
    private bool disposed;

    private XandikosServer(DavServerProcess process, string directory, int port)
    {
        this.process = process;
        Directory = directory;
        Port = port;
    }

    public string Directory { get; }

    public int Port { get; }

    /// <summary>The server's root URL, e.g. http://127.0.0.1:PORT/.</summary>
    public Uri Url => new($"http://127.0.0.1:{Port}/");

    public string Principal => "/user/";

    public string DefaultCalendar => "/user/calendars/calendar/";

    public string DefaultAddressBook => "/user/contacts/addressbook/";

    /// <summary>The server's output so far.</summary>
    public string Log => process.Output;

    public static XandikosServer Start()
    {
        if (!File.Exists(Program))
            throw new InvalidOperationException("Xandikos is not installed; the CalDAV/CardDAV tests need it. Install it with: sudo apt-get install -y xandikos (scripts/install-prerequisites.sh does it).");
        var directory = Path.Combine(Path.GetTempPath(), "omm-xandikos-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(directory);
        var port = FreePort.Next();
        DavServerProcess? process = null;
        try
        {
            process = DavServerProcess.Start(Program, ["-d", Path.Combine(directory, "store"), "--defaults", "-l", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture)], directory);
            process.WaitUntilAnswering("Xandikos", port, tls: false, TimeSpan.FromSeconds(20));
            return new XandikosServer(process, directory, port);
        }
        catch
        {
            process?.Dispose();
            DavServerProcess.DeleteFolder(directory);
            throw;
        }
    }

    public void Dispose()
    {
        if (disposed)
            return;
        disposed = true;
        process.Dispose();
        DavServerProcess.DeleteFolder(Directory);
    }
}
