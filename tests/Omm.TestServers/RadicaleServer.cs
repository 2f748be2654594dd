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

    private RadicaleServer(DavServerProcess process, string directory, int port, bool tls)
    {
        this.process = process;
        Directory = directory;
        Port = port;
        Tls = tls;
    }

    public string Directory { get; }

    public int Port { get; }

    /// <summary>Every user's password.</summary>
    public const string SharedPassword = "radicale-secret";

    public string Password => SharedPassword;

    /// <summary>HTTPS with a self-signed certificate for CN=localhost.</summary>
    public bool Tls { get; }

    /// <summary>The server's root URL, e.g. http://127.0.0.1:PORT/ (https:// with <see cref="Tls"/>).</summary>
    public Uri Url => new($"{(Tls ? "https" : "http")}://127.0.0.1:{Port}/");

    /// <summary>A user's principal URL, e.g. http://127.0.0.1:PORT/alice/.</summary>
    public Uri PrincipalUrl(string user) => new(Url, user + "/");

    /// <summary>The server's output so far (warnings and errors).</summary>
    public string Log => process.Output;

    public static RadicaleServer Start(params string[] users) => Start(tls: false, users);

    /// <summary>The same over HTTPS, with a self-signed certificate that clients must be told to accept.</summary>
    public static RadicaleServer StartTls(params string[] users) => Start(tls: true, users);

    private static RadicaleServer Start(bool tls, string[] users)
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
                .AppendLine(tls ? "ssl = True" : "ssl = False")
                .AppendLine(tls ? $"certificate = {MakeCertificate(directory).Cert}" : string.Empty)
                .AppendLine(tls ? $"key = {Path.Combine(directory, "key.pem")}" : string.Empty)
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
                process.WaitUntilAnswering("Radicale", port, tls, TimeSpan.FromSeconds(15));
            }
            catch (InvalidOperationException e) when (e.Message.Contains("No module named radicale", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("Radicale is not installed; the CalDAV/CardDAV tests need it. Install it with: sudo apt-get install -y radicale (scripts/install-prerequisites.sh does it).", e);
            }

            return new RadicaleServer(process, directory, port, tls);
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

    private static (string Cert, string Key) MakeCertificate(string directory)
    {
        var cert = Path.Combine(directory, "cert.pem");
        var key = Path.Combine(directory, "key.pem");
        var start = new System.Diagnostics.ProcessStartInfo("/usr/bin/openssl") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost", "-keyout", key, "-out", cert })
            start.ArgumentList.Add(argument);
        using var openssl = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException("Cannot start openssl.");
        var errors = openssl.StandardError.ReadToEndAsync();
        openssl.StandardOutput.ReadToEnd();
        openssl.WaitForExit();
        if (openssl.ExitCode != 0)
            throw new InvalidOperationException("openssl could not make a test certificate: " + errors.Result);
        return (cert, key);
    }
}
