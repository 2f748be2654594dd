using System.Text;

namespace Omm.TestServers;

/// <summary>
/// A private Radicale 3 CalDAV/CardDAV server (Debian's python3-radicale) on 127.0.0.1 and a free port, storing in
/// its own temporary folder. The users given log in with <see cref="Password"/> (htpasswd, plain); each owns the
/// principal /USER/, where it creates its calendars and address books. Dispose stops it and deletes the folder.
/// </summary>
public sealed class RadicaleServer : IDisposable
{
    private const string Python = "/usr/bin/python3";

    private readonly DavServerProcess process;
    private bool disposed;

    private RadicaleServer(DavServerProcess process, string directory, int port)
    {
        this.process = process;
        Directory = directory;
        Port = port;
    }

    public string Directory { get; }

    public int Port { get; }

    /// <summary>Every user's password.</summary>
    public const string SharedPassword = "radicale-secret";

    public string Password => SharedPassword;

    /// <summary>The server's root URL, e.g. http://127.0.0.1:PORT/.</summary>
    public Uri Url => new($"http://127.0.0.1:{Port}/");

    /// <summary>A user's principal URL, e.g. http://127.0.0.1:PORT/alice/.</summary>
    public Uri PrincipalUrl(string user) => new(Url, user + "/");

    /// <summary>The server's output so far (warnings and errors).</summary>
    public string Log => process.Output;

    public static RadicaleServer Start(params string[] users)
    {
        if (!File.Exists(Python))
            throw new InvalidOperationException($"{Python} is missing; the CalDAV/CardDAV tests need Debian's radicale package (scripts/install-prerequisites.sh installs it).");
        var directory = Path.Combine(Path.GetTempPath(), "omm-radicale-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(directory);
        var port = FreePort.Next();
        DavServerProcess? process = null;
        try
        {
            var htpasswd = Path.Combine(directory, "users");
            File.WriteAllLines(htpasswd, users.Select(u => $"{u}:{SharedPassword}"));
            var config = new StringBuilder()
                .AppendLine("[server]")
                .AppendLine($"hosts = 127.0.0.1:{port}")
                .AppendLine("[auth]")
                .AppendLine("type = htpasswd")
                .AppendLine($"htpasswd_filename = {htpasswd}")
                .AppendLine("htpasswd_encryption = plain")
                .AppendLine("delay = 0") // a wrong password is answered at once
                .AppendLine("[storage]")
                .AppendLine($"filesystem_folder = {Path.Combine(directory, "collections")}")
                .AppendLine("[logging]")
                .AppendLine("level = warning");
            var configPath = Path.Combine(directory, "radicale.conf");
            File.WriteAllText(configPath, config.ToString());
            process = DavServerProcess.Start(Python, ["-m", "radicale", "--config", configPath], directory);
            try
            {
                process.WaitUntilAnswering("Radicale", port, TimeSpan.FromSeconds(15));
            }
            catch (InvalidOperationException e) when (e.Message.Contains("No module named radicale", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("Radicale is not installed; the CalDAV/CardDAV tests need it. Install it with: sudo apt-get install -y radicale (scripts/install-prerequisites.sh does it).", e);
            }

            return new RadicaleServer(process, directory, port);
        }
        catch
        {
            process?.Dispose();
            DeleteFolder(directory);
            throw;
        }
    }

    public void Dispose()
    {
        if (disposed)
            return;
        disposed = true;
        process.Dispose();
        DeleteFolder(Directory);
    }

    private static void DeleteFolder(string directory)
    {
        try
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
