using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Omm.TestServers;

/// <summary>
/// A private Cyrus IMAP 3.6 server on 127.0.0.1 and a free port, in its own temporary folder, run from
/// Debian's packages unpacked by <see cref="CyrusPackages"/> (Cyrus cannot be installed beside Dovecot).
/// Laid out as a stock Cyrus: personal folders below "INBOX." with the separator '.'. Users made with
/// <see cref="CreateUser"/> log in with <see cref="Password"/> (PLAIN or LOGIN over plain TCP).
/// Dispose stops it and deletes its folder.
/// </summary>
public sealed class CyrusServer : IImapTestServer, IDisposable
{
    /// <summary>The administrator, who creates users' mailboxes ("user.NAME").</summary>
    public const string Administrator = "cyrus";

    private readonly string configPath;
    private readonly string sasldbPath;
    private Process? master;
    private bool disposed;

    private CyrusServer(string directory, int port)
    {
        Directory = directory;
        Port = port;
        configPath = Path.Combine(directory, "imapd.conf");
        sasldbPath = Path.Combine(directory, "sasldb2");
    }

    public string Directory { get; }

    public string Host => "127.0.0.1";

    public int Port { get; }

    public string Address => $"{Host}:{Port}";

    public string Password => "secret";

    public char Separator => '.';

    public static CyrusServer Start()
    {
        var packages = CyrusPackages.Unpacked();
        var directory = Path.Combine(Path.GetTempPath(), "omm-cyrus-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(directory);
        var server = new CyrusServer(directory, FreePort.Next());
        try
        {
            server.WriteConfig(packages);
            server.AddLogin(packages, Administrator);
            if (Environment.UserName == "root")
                Run("/bin/chown", $"-R mail:mail {directory}", null);
            server.master = StartProcess(packages, packages.Binary("master"),
                $"-C {server.configPath} -M {Path.Combine(directory, "cyrus.conf")} -p {Path.Combine(directory, "master.pid")}");
            server.WaitUntilReady();
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>Gives <paramref name="user"/> a password and a mailbox (INBOX), and <paramref name="specialFolders"/> below it.</summary>
    public void CreateUser(string user, params (string Name, string SpecialUse)[] specialFolders)
    {
        AddLogin(CyrusPackages.Unpacked(), user);
        using (var admin = RawImapClient.Connect(this, Administrator))
        {
            admin.Create("user." + user);
            admin.Logout();
        }

        using var client = RawImapClient.Connect(this, user);
        foreach (var (name, specialUse) in specialFolders)
            client.Run($"CREATE \"{name}\" (USE ({specialUse}))");
        client.Logout();
    }

    public void Dispose()
    {
        if (disposed)
            return;
        disposed = true;
        if (master != null)
        {
            try
            {
                master.Kill(entireProcessTree: true);
                master.WaitForExit(5000);
            }
            catch (InvalidOperationException)
            {
                // already gone
            }

            master.Dispose();
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

    private void AddLogin(CyrusPackages packages, string user)
    {
        // The realm must be the servername: Cyrus looks users up in sasldb as user@servername.
        Run(packages.Program("usr/sbin/saslpasswd2"), $"-f {sasldbPath} -u localhost -c -p {user}", packages, Password + "\n");
        if (Environment.UserName == "root")
            Run("/bin/chown", $"mail:mail {sasldbPath}", null);
    }

    private void WriteConfig(CyrusPackages packages)
    {
        foreach (var sub in new[] { "config", "spool" })
            System.IO.Directory.CreateDirectory(Path.Combine(Directory, sub));

        // Cyrus refuses to run as root; as root it becomes Debian's mail user, who then owns the folder.
        var cyrusUser = Environment.UserName == "root" ? "mail" : Environment.UserName;
        var config = new StringBuilder();
        config.AppendLine(CultureInfo.InvariantCulture, $"configdirectory: {Directory}/config");
        config.AppendLine(CultureInfo.InvariantCulture, $"partition-default: {Directory}/spool");
        config.AppendLine("defaultpartition: default");
        config.AppendLine("servername: localhost");
        config.AppendLine(CultureInfo.InvariantCulture, $"cyrus_user: {cyrusUser}");
        config.AppendLine(CultureInfo.InvariantCulture, $"admins: {Administrator}");
        config.AppendLine(CultureInfo.InvariantCulture, $"syslog_prefix: {Path.GetFileName(Directory)}");

        // Cyrus 3 defaults to '/' and to personal folders beside INBOX; the layout of older and most
        // installations is "INBOX." with '.'.
        config.AppendLine("unixhierarchysep: no");
        config.AppendLine("altnamespace: no");
        config.AppendLine("allowplaintext: yes");
        config.AppendLine("sasl_pwcheck_method: auxprop");
        config.AppendLine("sasl_auxprop_plugin: sasldb");
        config.AppendLine(CultureInfo.InvariantCulture, $"sasl_sasldb_path: {sasldbPath}");
        config.AppendLine("sasl_mech_list: PLAIN LOGIN");
        File.WriteAllText(configPath, config.ToString());

        // The master looks commands up in Debian's /usr/lib/cyrus/bin unless they are absolute paths.
        var services = new StringBuilder();
        services.AppendLine("START {");
        services.AppendLine(CultureInfo.InvariantCulture, $"  recover cmd=\"{packages.Binary("ctl_cyrusdb")} -C {configPath} -r\"");
        services.AppendLine("}");
        services.AppendLine("SERVICES {");
        services.AppendLine(CultureInfo.InvariantCulture, $"  imap cmd=\"{packages.Binary("imapd")} -C {configPath}\" listen=\"{Host}:{Port}\" prefork=0");
        services.AppendLine("}");
        services.AppendLine("EVENTS {");
        services.AppendLine("}");
        File.WriteAllText(Path.Combine(Directory, "cyrus.conf"), services.ToString());
    }

    private void WaitUntilReady()
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (master!.HasExited)
                throw new InvalidOperationException($"The Cyrus master exited ({master.ExitCode}) before listening on {Address}.");
            try
            {
                using var client = new System.Net.Sockets.TcpClient(Host, Port);
                using var reader = new StreamReader(client.GetStream());
                client.ReceiveTimeout = 5000;
                if (reader.ReadLine()?.StartsWith("* OK", StringComparison.Ordinal) == true)
                    return;
            }
            catch (IOException)
            {
            }
            catch (System.Net.Sockets.SocketException)
            {
            }

            Thread.Sleep(100);
        }

        // Cyrus logs to syslog only; a machine without /dev/log leaves no trace of why.
        throw new InvalidOperationException($"Cyrus did not greet on {Address} (it logs to syslog only, with the prefix {Path.GetFileName(Directory)}).");
    }

    private static Process StartProcess(CyrusPackages packages, string fileName, string arguments)
    {
        var start = new ProcessStartInfo(fileName, arguments) { UseShellExecute = false, RedirectStandardInput = true };
        start.Environment["LD_LIBRARY_PATH"] = packages.LibraryPath;
        return Process.Start(start) ?? throw new InvalidOperationException($"Cannot start {fileName}.");
    }

    private static void Run(string fileName, string arguments, CyrusPackages? packages, string? input = null)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (packages != null)
            start.Environment["LD_LIBRARY_PATH"] = packages.LibraryPath;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Cannot start {fileName}.");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        if (input != null)
            process.StandardInput.Write(input);
        process.StandardInput.Close();
        if (!process.WaitForExit(60000))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{fileName} {arguments} did not finish.");
        }

        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{fileName} {arguments} failed ({process.ExitCode}): {stderr.Result}{stdout.Result}");
    }
}
