using Omm.Shell;
using Omm.TestServers;

namespace Omm.Demo;

/// <summary>
/// Starts a source and a destination Dovecot on loopback, fills the source with sample mail (the
/// team's MIME fixtures plus generated messages in nested, non-ASCII and special folders), migrates
/// it through the built Omm module as an admin would type it, and checks the result.
/// </summary>
internal static class Program
{
    private const string User = "demo@omm.test";

    private static int Main()
    {
        var work = Directory.CreateTempSubdirectory("omm-demo-").FullName;
        Console.WriteLine("Starting two throwaway Dovecot servers on 127.0.0.1...");
        using var source = DovecotServer.Start(new DovecotOptions { Separator = '/', Password = "source-pw" });
        using var destination = DovecotServer.Start(new DovecotOptions
        {
            Separator = '.',
            Password = "destination-pw",
            SpecialFolders = new (string, string?)[] { ("Sent Items", "\\Sent"), ("Drafts", "\\Drafts"), ("Deleted Items", "\\Trash"), ("Junk E-mail", "\\Junk") },
        });
        Console.WriteLine($"  source      {source.Address}  (folders separated by '/', special folders Sent, Drafts, Trash, Junk)");
        Console.WriteLine($"  destination {destination.Address}  (folders separated by '.', special folders Sent Items, Drafts, Deleted Items, Junk E-mail)");

        var sample = SampleMailbox.Full(largeMessageBytes: 8 * 1024 * 1024);
        using (var client = RawImapClient.Connect(source, User))
        {
            SampleMailbox.Seed(client, sample);
            client.Logout();
        }

        Console.WriteLine($"Seeded {User} on the source with {sample.Count} messages in {sample.Select(m => m.Folder).Distinct().Count()} folders.");
        Console.WriteLine();

        var statePath = Path.Combine(work, "omm.db");
        var script = $$"""
            $migration = New-OmmMigration -SourceServer {{source.Address}} -SourceLogin {{User}} -SourcePassword source-pw -SourceSecurity None `
                -DestinationServer {{destination.Address}} -DestinationLogin {{User}} -DestinationPassword destination-pw -DestinationSecurity None `
                -Project demo -StatePath {{statePath}}
            Get-OmmMigration -StatePath {{statePath}}
            $migration.Progress
            """;
        var exit = RunPowerShell(script);

        Console.WriteLine();
        Console.WriteLine("Checking the destination against the source over IMAP...");
        var original = MailboxSnapshot.Read(source, User);
        var copied = MailboxSnapshot.Read(destination, User);
        var copiedHashes = copied.Messages.Values.SelectMany(m => m).Select(m => m.Sha256).ToHashSet();
        var identical = original.Messages.Values.SelectMany(m => m).Count(m => copiedHashes.Contains(m.Sha256));
        foreach (var (folder, messages) in copied.Messages.OrderBy(f => f.Key, StringComparer.Ordinal))
            Console.WriteLine($"  {folder,-28} {messages.Count,4} messages");
        Console.WriteLine($"{identical} of {original.Count} source messages are on the destination byte for byte.");

        Directory.Delete(work, recursive: true);
        return exit == 0 && identical == original.Count ? 0 : 1;
    }

    private static int RunPowerShell(string script)
    {
        using var runner = new ScriptRunner(RepositoryPaths.ModuleManifest);
        var failed = false;
        foreach (var statement in script.Split('\n').Aggregate(new List<string>(), Statements))
            failed |= !runner.Run(statement, echo: true);
        return failed ? 1 : 0;
    }

    /// <summary>Joins lines continued with a backtick into one statement.</summary>
    private static List<string> Statements(List<string> statements, string line)
    {
        if (statements.Count > 0 && statements[^1].EndsWith('`'))
            statements[^1] += "\n" + line.TrimEnd();
        else if (line.Trim().Length > 0)
            statements.Add(line.TrimEnd());
        return statements;
    }
}
