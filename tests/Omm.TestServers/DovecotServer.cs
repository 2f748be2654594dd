using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Omm.TestServers;

/// <summary>
/// A private Dovecot IMAP server (and POP3 server, with <see cref="DovecotOptions.Pop3"/>) on 127.0.0.1 and a
/// free port, in its own temporary folder. Any user name logs in with <see cref="DovecotOptions.Password"/>.
/// Dispose stops it and deletes its folder.
/// </summary>
public sealed class DovecotServer : IImapTestServer, IDisposable
{
    private readonly string configPath;
    private bool disposed;

    private DovecotServer(string directory, int port, int pop3Port, DovecotOptions options)
    {
        Directory = directory;
        Port = port;
        Pop3Port = pop3Port;
        Options = options;
        configPath = Path.Combine(directory, "dovecot.conf");
    }

    public string Directory { get; }

    public int Port { get; }

    /// <summary>The POP3 port (with <see cref="DovecotOptions.Pop3"/>), or 0.</summary>
    public int Pop3Port { get; }

    public string Pop3Address => $"{Host}:{Pop3Port}";

    public DovecotOptions Options { get; private set; }

    public string Host => Options.ListenAddress;

    public string Address => $"{Host}:{Port}";

    public string Password => Options.Password;

    char IImapTestServer.Separator => Options.Separator;

    public string LogPath => Path.Combine(Directory, "dovecot.log");

    /// <summary>Where the server keeps its mail: a maildir per user.</summary>
    public string MailDirectory => Path.Combine(Directory, "mail");

    public static DovecotServer Start(DovecotOptions? options = null)
    {
        options ??= new DovecotOptions();
        var binary = FindDovecot();
        var directory = Path.Combine(Path.GetTempPath(), "omm-dovecot-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(directory);
        var server = new DovecotServer(directory, options.ListenPort ?? FreePort.Next(), options.Pop3 ? FreePort.Next() : 0, options);
        try
        {
            if (options.MailFrom != null)
                CopyDirectory(options.MailFrom, server.MailDirectory);
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

    /// <summary>Stops the server, waits <paramref name="downtime"/> and starts it again on the same port with the same mail.</summary>
    public void Restart(TimeSpan downtime)
    {
        Stop();
        Thread.Sleep(downtime);
        StartAgain();
    }

    /// <summary>
    /// Stops the server as systemd stops a service: every process of it goes, client connections included
    /// (`dovecot stop` alone leaves the connected imap processes serving), and the port refuses connections.
    /// </summary>
    public void Stop()
    {
        using var master = MasterProcess() ?? throw new InvalidOperationException($"Dovecot on port {Port} is not running.");
        master.Kill(entireProcessTree: true);
        master.WaitForExit(15000);
    }

    /// <summary>Starts a stopped server again on the same port with the same mail.</summary>
    public void StartAgain()
    {
        Run(FindDovecot(), $"-c {configPath}");
        WaitUntilListening();
    }

    private Process? MasterProcess()
    {
        var pidFile = Path.Combine(Directory, "run", "master.pid");
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid))
            return null;
        try
        {
            return Process.GetProcessById(pid);
        }
        catch (ArgumentException)
        {
            return null;
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

    /// <summary>
    /// Makes a folder straight in a user's maildir (the user must have logged in once), for names that
    /// Dovecot lists and opens but refuses to CREATE, such as names with control characters. Top-level
    /// folders of the '/' separator's LAYOUT=fs only.
    /// </summary>
    public void CreateFolderOnDisk(string user, string name)
    {
        if (Options.Separator != '/' || name.Contains('/', StringComparison.Ordinal))
            throw new NotSupportedException("Only top-level folders with the '/' separator (LAYOUT=fs) are made on disk.");
        var folder = Path.Combine(Directory, "mail", user, ModifiedUtf7.Encode(name));
        foreach (var sub in new[] { "cur", "new", "tmp" })
            System.IO.Directory.CreateDirectory(Path.Combine(folder, sub));
        if (Environment.UserName == "root")
            Run("/bin/chown", $"-R mail:mail {Path.Combine(Directory, "mail", user)}");
    }

    /// <summary>
    /// Puts a message straight into a folder's maildir, bypassing APPEND (which refuses some messages,
    /// an empty one for instance): its file holds exactly <paramref name="bytes"/>, its modification time
    /// becomes the INTERNALDATE. The user must have logged in once, and the folder must exist.
    /// </summary>
    public void DeliverFile(string user, string folder, byte[] bytes, DateTimeOffset internalDate)
    {
        var mailbox = MaildirOf(user, folder);
        var name = string.Create(CultureInfo.InvariantCulture, $"{internalDate.ToUnixTimeSeconds()}.omm{Guid.NewGuid():N}.localhost");
        var temporary = Path.Combine(mailbox, "tmp", name);
        File.WriteAllBytes(temporary, bytes);
        File.SetLastWriteTimeUtc(temporary, internalDate.UtcDateTime);
        if (Environment.UserName == "root")
            Run("/bin/chown", $"mail:mail {temporary}");
        File.Move(temporary, Path.Combine(mailbox, "new", name));
    }

    /// <summary>
    /// Makes a folder forget its UIDs, as a server does that keeps none between sessions (GNU Mailutils
    /// imap4d) or rebuilds its indexes: Dovecot's uidlist and indexes are deleted, so that the folder gets
    /// a new UIDVALIDITY and new UIDs, and each message's INTERNALDATE (its file's modification time)
    /// becomes what <paramref name="redate"/> makes of it. The bytes and flags stay. No session may be open.
    /// </summary>
    public void ForgetUids(string user, string folder, Func<DateTimeOffset, DateTimeOffset> redate)
    {
        var mailbox = MaildirOf(user, folder);
        foreach (var pattern in new[] { "dovecot-uidlist", "dovecot.index*", "dovecot.list.index*" })
        {
            foreach (var file in System.IO.Directory.GetFiles(mailbox, pattern))
                File.Delete(file);
        }

        foreach (var file in new[] { "cur", "new" }.SelectMany(sub => System.IO.Directory.GetFiles(Path.Combine(mailbox, sub))))
            File.SetLastWriteTimeUtc(file, redate(new DateTimeOffset(File.GetLastWriteTimeUtc(file), TimeSpan.Zero)).UtcDateTime);
    }

    /// <summary>Takes a folder's maildir away from the server (no permissions): LIST still shows it, STATUS and SELECT get NO.</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void MakeUnreadable(string user, string folder) => File.SetUnixFileMode(MaildirOf(user, folder), UnixFileMode.None);

    /// <summary>The maildir of a folder (full name as IMAP lists it): its path below the namespace's prefix, on disk.</summary>
    private string MaildirOf(string user, string folder)
    {
        var mailbox = Path.Combine(Directory, "mail", user);
        if (folder.Equals("INBOX", StringComparison.OrdinalIgnoreCase))
            return mailbox;
        if (Options.Prefix.Length > 0 && folder.StartsWith(Options.Prefix, StringComparison.Ordinal))
            folder = folder[Options.Prefix.Length..];
        return Options.Separator == '.' ? Path.Combine(mailbox, "." + folder) : Path.Combine(mailbox, folder.Replace('/', Path.DirectorySeparatorChar));
    }

    /// <summary>Applies new options (a raised quota, say) to connections opened from now on (doveadm reload).</summary>
    public void Reload(DovecotOptions options)
    {
        Options = options;
        WriteConfig();
        Run("/usr/bin/doveadm", $"-c {configPath} reload");
    }

    /// <summary>
    /// Restarts the server with other options, the mail kept: how a test seeds an account by password and then lets it
    /// log in by OAuth2 token only (<see cref="DovecotOptions.OAuth2IntrospectionUrl"/>), or reads it back by password after.
    /// Open connections end.
    /// </summary>
    public void SwitchTo(DovecotOptions options)
    {
        Stop();
        Options = options;
        WriteConfig();
        StartAgain();
    }

    /// <summary>Ends every connection of a user as an administrator would (doveadm kick): each gets "* BYE Server shutting down."</summary>
    public void Kick(string user) => Run("/usr/bin/doveadm", $"-c {configPath} kick {user}");

    /// <summary>Copies a tree with its empty folders and its files' modification times (a maildir message's INTERNALDATE).</summary>
    private static void CopyDirectory(string from, string to)
    {
        System.IO.Directory.CreateDirectory(to);
        foreach (var file in System.IO.Directory.GetFiles(from))
        {
            var target = Path.Combine(to, Path.GetFileName(file));
            File.Copy(file, target);
            File.SetLastWriteTimeUtc(target, File.GetLastWriteTimeUtc(file));
        }

        foreach (var directory in System.IO.Directory.GetDirectories(from))
            CopyDirectory(directory, Path.Combine(to, Path.GetFileName(directory)));
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
        var mail = MailDirectory;
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
        config.AppendLine(Options.Pop3 ? "protocols = imap pop3" : "protocols = imap");
        config.AppendLine(CultureInfo.InvariantCulture, $"log_path = {LogPath}");
        config.AppendLine("disable_plaintext_auth = no");
        config.AppendLine(Options.OAuth2IntrospectionUrl != null ? $"auth_mechanisms = {Options.OAuth2Mechanisms}" : "auth_mechanisms = plain login");
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

        var plugins = new List<string>();
        var pluginSettings = new List<string>();
        if (Options.MaxMessageSize != null || Options.QuotaBytes != null)
        {
            plugins.Add("quota");
            pluginSettings.Add("quota = maildir:User quota");
            pluginSettings.Add(string.Create(CultureInfo.InvariantCulture, $"quota_rule = *:storage={(Options.QuotaBytes is long quota ? $"{quota}B" : "0")}"));
            if (Options.MaxMessageSize is long max)
                pluginSettings.Add(string.Create(CultureInfo.InvariantCulture, $"quota_max_mail_size = {max}"));
        }

        if (Options.ListEscape)
        {
            plugins.Add("listescape");
            pluginSettings.Add("listescape_char = \"\\\\\"");
        }

        if (plugins.Count > 0)
        {
            config.AppendLine(CultureInfo.InvariantCulture, $"mail_plugins = {string.Join(' ', plugins)}");
            config.AppendLine("plugin {");
            foreach (var setting in pluginSettings)
                config.AppendLine("  " + setting);
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
        if (Options.Pop3)
        {
            config.AppendLine("service pop3-login {");
            config.AppendLine("  inet_listener pop3 {");
            config.AppendLine(CultureInfo.InvariantCulture, $"    address = {Host}");
            config.AppendLine(CultureInfo.InvariantCulture, $"    port = {(Options.ImplicitTls ? 0 : Pop3Port)}");
            config.AppendLine("  }");
            config.AppendLine("  inet_listener pop3s {");
            config.AppendLine(CultureInfo.InvariantCulture, $"    address = {Host}");
            config.AppendLine(CultureInfo.InvariantCulture, $"    port = {(Options.ImplicitTls ? Pop3Port : 0)}");
            config.AppendLine(CultureInfo.InvariantCulture, $"    ssl = {(Options.ImplicitTls ? "yes" : "no")}");
            config.AppendLine("  }");
            config.AppendLine("}");
            config.AppendLine(CultureInfo.InvariantCulture, $"pop3_lock_session = {(Options.Pop3LockSession ? "yes" : "no")}");
        }

        config.AppendLine("passdb {");
        if (Options.OAuth2IntrospectionUrl is Uri introspection)
        {
            var oauth2 = Path.Combine(Directory, "dovecot-oauth2.conf.ext");
            File.WriteAllText(oauth2, string.Join("\n",
                "introspection_mode = post",
                $"introspection_url = {introspection.AbsoluteUri}",
                "username_attribute = username",
                "active_attribute = active",
                "active_value = true") + "\n");
            config.AppendLine("  driver = oauth2");
            config.AppendLine(CultureInfo.InvariantCulture, $"  mechanisms = {Options.OAuth2Mechanisms}");
            config.AppendLine(CultureInfo.InvariantCulture, $"  args = {oauth2}");
        }
        else
        {
            config.AppendLine("  driver = static");
            config.AppendLine(CultureInfo.InvariantCulture, $"  args = password={Options.Password}");
        }

        config.AppendLine("}");
        config.AppendLine("userdb {");
        config.AppendLine("  driver = static");
        config.AppendLine(CultureInfo.InvariantCulture, $"  args = uid={mailUser} gid={mailUser} home={Directory}/home/%u");
        config.AppendLine("}");
        config.AppendLine("namespace inbox {");
        config.AppendLine("  inbox = yes");
        config.AppendLine(CultureInfo.InvariantCulture, $"  separator = {Options.Separator}");
        if (Options.Prefix.Length > 0)
            config.AppendLine(CultureInfo.InvariantCulture, $"  prefix = {Options.Prefix}");
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
        WaitUntilListening(Port);
        if (Options.Pop3)
            WaitUntilListening(Pop3Port);
    }

    private void WaitUntilListening(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                client.Connect(Host, port);
                return;
            }
            catch (System.Net.Sockets.SocketException)
            {
                Thread.Sleep(50);
            }
        }

        var log = File.Exists(LogPath) ? File.ReadAllText(LogPath) : "(no log)";
        throw new InvalidOperationException($"Dovecot did not start listening on {Host}:{port}. Log:\n{log}");
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
