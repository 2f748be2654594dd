using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Omm.TestServers;

/// <summary>
/// A private Dovecot IMAP server on 127.0.0.1 and a free port, in its own temporary folder. Any user
/// name logs in with <see cref="DovecotOptions.Password"/>. Dispose stops it and deletes its folder.
/// </summary>
public sealed class DovecotServer : IDisposable
{
    private readonly string configPath;
    private bool disposed;

    private DovecotServer(string directory, int port, DovecotOptions options)
    {
        Directory = directory;
        Port = port;
        Options = options;
        configPath = Path.Combine(directory, "dovecot.conf");
    }

    public string Directory { get; }

    public int Port { get; }

    public DovecotOptions Options { get; }

    public string Host => Options.ListenAddress;

    public string Address => $"{Host}:{Port}";

    public string Password => Options.Password;

    public string LogPath => Path.Combine(Directory, "dovecot.log");

    public static DovecotServer Start(DovecotOptions? options = null)
    {
        options ??= new DovecotOptions();
        var binary = FindDovecot();
        var directory = Path.Combine(Path.GetTempPath(), "omm-dovecot-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(directory);
        var server = new DovecotServer(directory, options.ListenPort ?? FreePort.Next(), options);
        try
        {
            server.WriteConfig();
            Run(binary, $"-c {server.configPath}");
            server.WaitUntilListening();
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (disposed)
            return;
        disposed = true;
        var pidFile = Path.Combine(Directory, "run", "master.pid");
        if (File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid))
        {
            try
            {
                using var master = Process.GetProcessById(pid);
                master.Kill(entireProcessTree: true);
                master.WaitForExit(5000);
            }
            catch (ArgumentException)
            {
                // already gone
            }
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string FindDovecot()
    {
        foreach (var candidate in new[] { "/usr/sbin/dovecot", "/usr/local/sbin/dovecot" })
        {
            if (File.Exists(candidate))
                return candidate;
        }

        throw new InvalidOperationException(
            "Dovecot is not installed; the tests need real IMAP servers. Install it with: sudo apt-get install -y dovecot-imapd (scripts/test.sh does it).");
    }

    private void WriteConfig()
    {
        var mail = Path.Combine(Directory, "mail");
        foreach (var sub in new[] { "run", "state", "mail", "home" })
            System.IO.Directory.CreateDirectory(Path.Combine(Directory, sub));

        var asRoot = Environment.UserName == "root";
        string mailUser, internalUser, loginUser;
        if (asRoot)
        {
            // Dovecot will not run mail processes as root; Debian's mail user owns the mail folders.
            mailUser = "mail";
            internalUser = "dovecot";
            loginUser = "dovenull";
            Run("/bin/chown", $"-R mail:mail {mail} {Path.Combine(Directory, "home")}");
        }
        else
        {
            mailUser = internalUser = loginUser = Environment.UserName;
        }

        var layout = Options.Separator == '.' ? string.Empty : ":LAYOUT=fs";
        var config = new StringBuilder();
        config.AppendLine(CultureInfo.InvariantCulture, $"base_dir = {Directory}/run");
        config.AppendLine(CultureInfo.InvariantCulture, $"state_dir = {Directory}/state");
        config.AppendLine(CultureInfo.InvariantCulture, $"instance_name = {Path.GetFileName(Directory)}");
        config.AppendLine(CultureInfo.InvariantCulture, $"listen = {Host}");
        config.AppendLine("protocols = imap");
        config.AppendLine(CultureInfo.InvariantCulture, $"log_path = {LogPath}");
        config.AppendLine("disable_plaintext_auth = no");
        config.AppendLine("auth_mechanisms = plain login");
        config.AppendLine("auth_failure_delay = 0"); // tests of wrong passwords need not wait
        config.AppendLine(CultureInfo.InvariantCulture, $"mail_location = maildir:{mail}/%u{layout}");
        config.AppendLine(CultureInfo.InvariantCulture, $"mail_uid = {mailUser}");
        config.AppendLine(CultureInfo.InvariantCulture, $"mail_gid = {mailUser}");
        config.AppendLine("first_valid_uid = 1");
        config.AppendLine(CultureInfo.InvariantCulture, $"default_internal_user = {internalUser}");
        config.AppendLine(CultureInfo.InvariantCulture, $"default_login_user = {loginUser}");
        config.AppendLine(CultureInfo.InvariantCulture, $"mail_max_userip_connections = {Options.MaxConnectionsPerUser}");
        config.AppendLine("imap_max_line_length = 1M");
        if (Options.Capabilities != null)
            config.AppendLine(CultureInfo.InvariantCulture, $"imap_capability = {Options.Capabilities}");
        if (Options.StartTls || Options.ImplicitTls)
        {
            var (cert, key) = (Options.Certificate ?? TestCertificate.SelfSigned("localhost")).WriteTo(Directory);
            config.AppendLine("ssl = yes");
            config.AppendLine(CultureInfo.InvariantCulture, $"ssl_cert = <{cert}");
            config.AppendLine(CultureInfo.InvariantCulture, $"ssl_key = <{key}");
        }
        else
        {
            config.AppendLine("ssl = no");
        }

        if (Options.MaxMessageSize is long max)
        {
            config.AppendLine("mail_plugins = quota");
            config.AppendLine("plugin {");
            config.AppendLine("  quota = maildir:User quota");
            config.AppendLine("  quota_rule = *:storage=0");
            config.AppendLine(CultureInfo.InvariantCulture, $"  quota_max_mail_size = {max}");
            config.AppendLine("}");
        }

        config.AppendLine("service imap-login {");
        config.AppendLine("  inet_listener imap {");
        config.AppendLine(CultureInfo.InvariantCulture, $"    address = {Host}");
        config.AppendLine(CultureInfo.InvariantCulture, $"    port = {(Options.ImplicitTls ? 0 : Port)}");
        config.AppendLine("  }");
        config.AppendLine("  inet_listener imaps {");
        config.AppendLine(CultureInfo.InvariantCulture, $"    address = {Host}");
        config.AppendLine(CultureInfo.InvariantCulture, $"    port = {(Options.ImplicitTls ? Port : 0)}");
        config.AppendLine(CultureInfo.InvariantCulture, $"    ssl = {(Options.ImplicitTls ? "yes" : "no")}");
        config.AppendLine("  }");
        config.AppendLine("}");
        config.AppendLine("passdb {");
        config.AppendLine("  driver = static");
        config.AppendLine(CultureInfo.InvariantCulture, $"  args = password={Options.Password}");
        config.AppendLine("}");
        config.AppendLine("userdb {");
        config.AppendLine("  driver = static");
        config.AppendLine(CultureInfo.InvariantCulture, $"  args = uid={mailUser} gid={mailUser} home={Directory}/home/%u");
        config.AppendLine("}");
        config.AppendLine("namespace inbox {");
        config.AppendLine("  inbox = yes");
        config.AppendLine(CultureInfo.InvariantCulture, $"  separator = {Options.Separator}");
        foreach (var (name, specialUse) in Options.SpecialFolders)
        {
            config.AppendLine(CultureInfo.InvariantCulture, $"  mailbox \"{name}\" {{");
            if (specialUse != null)
                config.AppendLine(CultureInfo.InvariantCulture, $"    special_use = {specialUse}");
            config.AppendLine("    auto = subscribe");
            config.AppendLine("  }");
        }

        config.AppendLine("}");
        File.WriteAllText(configPath, config.ToString());
    }

    private void WaitUntilListening()
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                client.Connect(Host, Port);
                return;
            }
            catch (System.Net.Sockets.SocketException)
            {
                Thread.Sleep(50);
            }
        }

        var log = File.Exists(LogPath) ? File.ReadAllText(LogPath) : "(no log)";
        throw new InvalidOperationException($"Dovecot did not start listening on {Address}. Log:\n{log}");
    }

    private static void Run(string fileName, string arguments)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Cannot start {fileName}.");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(60000))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{fileName} {arguments} did not finish.");
        }

        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{fileName} {arguments} failed ({process.ExitCode}): {stderr.Result}{stdout.Result}");
    }
}
