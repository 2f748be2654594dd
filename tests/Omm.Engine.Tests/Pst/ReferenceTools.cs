using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Omm.Engine.Tests.Pst;

/// <summary>
/// Debian's two independent PST readers, run as test oracles: readpst (pst-utils, libpst) and pffexport
/// (pff-tools, libpff). CI installs them; a machine without them fails these tests with instructions.
/// </summary>
internal static class ReferenceTools
{
    public static string ReadPst => Require("readpst", "pst-utils");

    public static string PffExport => Require("pffexport", "pff-tools");

    public static string Require(string tool, string package)
    {
        foreach (var directory in new[] { "/usr/bin", "/usr/local/bin" }.Concat((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)))
        {
            if (directory.Length == 0)
                continue;
            var path = Path.Combine(directory, tool);
            if (File.Exists(path))
                return path;
        }

        throw new InvalidOperationException($"The PST reference tool '{tool}' is missing: install the Debian package {package} (apt-get install {package}); the PST oracle tests compare the reader with it.");
    }

    /// <summary>Runs a tool; returns its exit code and its combined standard output and error.</summary>
    public static (int ExitCode, string Output) Run(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {tool}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} did not finish within 2 minutes.");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}

/// <summary>What pffexport (-m items -f all) wrote: a folder per folder, a directory per item.</summary>
internal sealed class PffExportResult
{
    private static readonly Regex ItemDirectory = new(@"^(?<kind>[A-Za-z]+)\d{5}$");
    private static readonly Regex Skipped = new(@"^Skipped item \d+ out of \d+ of type: (?<type>.*)\.$", RegexOptions.Multiline);

    /// <summary>Folders by path relative to the IPM subtree ("" is the subtree itself).</summary>
    public Dictionary<string, List<PffItem>> Folders { get; } = new();

    /// <summary>Items pffexport lists but does not export, by message class (it skips IPM.Post, for one).</summary>
    public Dictionary<string, int> SkippedByType { get; } = new();

    public string Log { get; private set; } = "";

    public static PffExportResult Run(string pst, string ipmSubtreeName, string workDirectory)
    {
        var target = Path.Combine(workDirectory, "pff");
        var (exit, output) = ReferenceTools.Run(ReferenceTools.PffExport, "-m", "items", "-f", "all", "-t", target, pst);
        if (exit != 0)
            throw new InvalidOperationException($"pffexport failed ({exit}): {output}");
        var result = new PffExportResult { Log = output };
        foreach (Match match in Skipped.Matches(output))
        {
            var type = match.Groups["type"].Value.Trim();
            result.SkippedByType[type] = result.SkippedByType.GetValueOrDefault(type) + 1;
        }

        var root = Path.Combine(target + ".export", ipmSubtreeName);
        if (!Directory.Exists(root))
            throw new InvalidOperationException($"pffexport wrote no folder '{ipmSubtreeName}' under {target}.export: {string.Join(", ", Directory.GetDirectories(target + ".export").Select(Path.GetFileName))}");
        result.ReadFolder(root, "");
        return result;
    }

    private void ReadFolder(string directory, string path)
    {
        var items = new List<PffItem>();
        Folders[path] = items;
        foreach (var child in Directory.GetDirectories(directory).OrderBy(d => d, StringComparer.Ordinal))
        {
            var name = Path.GetFileName(child);
            var match = ItemDirectory.Match(name);
            if (match.Success && Directory.GetFiles(child, "*.txt").Length > 0)
                items.Add(PffItem.Read(child, match.Groups["kind"].Value));
            else
                ReadFolder(child, path.Length == 0 ? name : path + "/" + name);
        }
    }
}

internal sealed class PffItem
{
    private static readonly Regex AttachmentFile = new(@"^\d+_(?<name>.*)$");

    /// <summary>Message, Contact, Appointment, DistributionList, Task, ...</summary>
    public required string Kind { get; init; }

    public string? Subject { get; init; }

    /// <summary>Attachments by value: name (without pffexport's "N_" prefix) and size.</summary>
    public List<(string Name, long Size)> Files { get; } = new();

    public int EmbeddedCount { get; set; }

    public static PffItem Read(string directory, string kind)
    {
        string? subject = null;
        foreach (var file in Directory.GetFiles(directory, "*.txt").OrderBy(f => f, StringComparer.Ordinal))
        {
            var line = File.ReadLines(file).FirstOrDefault(l => l.StartsWith("Subject:", StringComparison.Ordinal));
            if (line != null)
            {
                subject = line.Substring("Subject:".Length).Trim();
                break;
            }
        }

        var item = new PffItem { Kind = kind, Subject = subject };
        var attachments = Path.Combine(directory, "Attachments");
        if (Directory.Exists(attachments))
        {
            foreach (var file in Directory.GetFiles(attachments))
            {
                var name = Path.GetFileName(file);
                var match = AttachmentFile.Match(name);
                item.Files.Add((match.Success ? match.Groups["name"].Value : name, new FileInfo(file).Length));
            }

            item.EmbeddedCount = Directory.GetDirectories(attachments).Length;
        }

        return item;
    }
}

/// <summary>What readpst (-j 0 -D -e; one process, since its parallel children sometimes lose their summary lines) wrote: .eml/.vcf/.ics files per folder, and its per-folder summary lines.</summary>
internal sealed class ReadPstResult
{
    private static readonly Regex Summary = new("^\\s*\"(?<name>.*)\" - (?<done>\\d+) items done, (?<skipped>\\d+) items skipped\\.\\s*$", RegexOptions.Multiline);

    /// <summary>One line per folder with entries: done + skipped counts subfolders, messages and associated (FAI) items alike.</summary>
    public List<(string Name, int Entries)> FolderSummaries { get; } = new();

    /// <summary>Files by folder path (the root folder is named after the store).</summary>
    public Dictionary<string, List<string>> Files { get; } = new();

    public string Log { get; private set; } = "";

    public static ReadPstResult Run(string pst, string workDirectory)
    {
        var target = Path.Combine(workDirectory, "readpst");
        Directory.CreateDirectory(target);
        var (exit, output) = ReferenceTools.Run(ReferenceTools.ReadPst, "-j", "0", "-D", "-e", "-o", target, pst);
        if (exit != 0)
            throw new InvalidOperationException($"readpst failed ({exit}): {output}");
        var result = new ReadPstResult { Log = output };
        foreach (Match match in Summary.Matches(output))
            result.FolderSummaries.Add((match.Groups["name"].Value, int.Parse(match.Groups["done"].Value) + int.Parse(match.Groups["skipped"].Value)));
        foreach (var file in Directory.GetFiles(target, "*", SearchOption.AllDirectories))
        {
            var folder = Path.GetRelativePath(target, Path.GetDirectoryName(file)!).Replace(Path.DirectorySeparatorChar, '/');
            if (!result.Files.TryGetValue(folder, out var list))
                result.Files[folder] = list = new List<string>();
            list.Add(file);
        }

        return result;
    }
}
