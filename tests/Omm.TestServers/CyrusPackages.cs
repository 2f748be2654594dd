using System.Diagnostics;

namespace Omm.TestServers;

/// <summary>
/// Debian's Cyrus IMAP packages, unpacked (dpkg -x, not installed: cyrus-imapd conflicts with
/// dovecot-imapd) once into a cache folder, with the libraries and sasl2-bin tools they need that a
/// machine with Dovecot lacks. scripts/install-prerequisites.sh downloads the .deb files into
/// <see cref="CacheDirectory"/>; failing that, they are downloaded here with apt-get download.
/// </summary>
public sealed class CyrusPackages
{
    /// <summary>The packages unpacked, in the order they are unpacked.</summary>
    public static readonly IReadOnlyList<string> Names = new[] { "cyrus-common", "cyrus-imapd", "libical3", "libxapian30", "sasl2-bin" };

    private static readonly object Gate = new();
    private static CyrusPackages? unpacked;

    private CyrusPackages(string root) => Root = root;

    /// <summary>
    /// $OMM_CYRUS_PACKAGES, or omm-cyrus-packages in the temporary folder: not below a home folder, which
    /// may be closed to the mail user Cyrus becomes when started as root.
    /// </summary>
    public static string CacheDirectory =>
        Environment.GetEnvironmentVariable("OMM_CYRUS_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Path.GetTempPath(), "omm-cyrus-packages");

    /// <summary>The unpacked tree: usr/lib/cyrus/bin, usr/sbin, usr/lib/x86_64-linux-gnu...</summary>
    public string Root { get; }

    public string LibraryPath => string.Join(':', System.IO.Directory.GetDirectories(Path.Combine(Root, "usr", "lib"), "*-linux-gnu*"));

    /// <summary>A Cyrus program (master, imapd...).</summary>
    public string Binary(string name) => Program(Path.Combine("usr", "lib", "cyrus", "bin", name));

    public string Program(string relativePath) => Path.Combine(Root, relativePath);

    public static CyrusPackages Unpacked()
    {
        lock (Gate)
        {
            return unpacked ??= Unpack();
        }
    }

    private static CyrusPackages Unpack()
    {
        var cache = CacheDirectory;
        var tree = Path.Combine(cache, "tree");
        var packages = new CyrusPackages(tree);
        if (File.Exists(packages.Binary("master")) && File.Exists(packages.Program("usr/sbin/saslpasswd2")))
            return packages;

        System.IO.Directory.CreateDirectory(cache);

        // Test processes may unpack at the same time: each works in a folder of its own and the first move wins.
        var missing = Names.Where(name => DebFile(cache, name) == null).ToList();
        if (missing.Count > 0)
            Download(cache, missing);
        var scratch = Path.Combine(cache, "tree-" + Guid.NewGuid().ToString("N")[..8]);
        foreach (var name in Names)
            Run("dpkg", $"-x {DebFile(cache, name)} {scratch}", cache, "unpack");
        try
        {
            System.IO.Directory.Move(scratch, tree);
        }
        catch (IOException) when (System.IO.Directory.Exists(tree))
        {
            System.IO.Directory.Delete(scratch, recursive: true);
        }

        return packages;
    }

    private static string? DebFile(string cache, string name) =>
        System.IO.Directory.GetFiles(cache, name + "_*.deb").OrderBy(f => f, StringComparer.Ordinal).LastOrDefault();

    private static void Download(string cache, IReadOnlyList<string> names) =>
        Run("apt-get", "download " + string.Join(' ', names), cache, "download");

    private static void Run(string fileName, string arguments, string workingDirectory, string what)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        string output;
        int exitCode;
        try
        {
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"Cannot start {fileName}.");
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(300_000))
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException($"{fileName} {arguments} did not finish.");
            }

            output = stderr.Result + stdout.Result;
            exitCode = process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            output = e.Message;
            exitCode = -1;
        }

        if (exitCode != 0)
        {
            throw new InvalidOperationException(
                $"Cannot {what} Debian's Cyrus IMAP packages ({string.Join(", ", Names)}) in {workingDirectory}: `{fileName} {arguments}` failed ({exitCode}): {output.Trim()}\n" +
                "The Cyrus tests need them; scripts/install-prerequisites.sh downloads them (a Debian or Ubuntu machine with apt is needed).");
        }
    }
}
