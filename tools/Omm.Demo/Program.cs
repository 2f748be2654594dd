using Omm.Shell;
using Omm.TestServers;

namespace Omm.Demo;

/// <summary>
/// Starts a source and a destination Dovecot and Radicale on loopback, fills the source with sample
/// mail (the team's MIME fixtures plus generated messages in nested, non-ASCII and special folders) and
/// with contacts, events and tasks (the team's .vcf and .ics fixtures, imported with Import-OmmFile),
/// migrates it all through the built Omm module as an admin would type it, and checks the result.
/// </summary>
internal static class Program
{
    private const string User = "demo@omm.test";

    private static int Main()
    {
        var work = Directory.CreateTempSubdirectory("omm-demo-").FullName;
        Console.WriteLine("Starting two throwaway Dovecot and two Radicale servers on 127.0.0.1...");
        // One login per account for mail and DAV, as on a mail host with CalDAV/CardDAV.
        const string password = RadicaleServer.SharedPassword;
        using var source = DovecotServer.Start(new DovecotOptions { Separator = '/', Password = password });
        using var sourceDav = RadicaleServer.Start(User);
        using var destinationDav = RadicaleServer.Start(User);
        using var destination = DovecotServer.Start(new DovecotOptions
        {
            Separator = '.',
            Password = password,
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
        Console.WriteLine($"  source DAV      {sourceDav.Url}");
        Console.WriteLine($"  destination DAV {destinationDav.Url}");
        var fixtures = RepositoryPaths.SharedFixtures;
        var files = string.Join(", ", new[] { "vcf/John_Doe_IPHONE.vcf", "vcf/outlook-2007.vcf", "ics/outlook-2010.ics", "ics/rfc5545-example3.ics" }
            .Select(f => $"'{Path.Combine(fixtures, f)}'"));
        var seedState = Path.Combine(work, "seed.db");
        var exit = RunPowerShell($$"""
            Import-OmmFile {{files}} -DestinationDavUrl {{sourceDav.Url}} -DestinationLogin {{User}} -DestinationPassword {{password}} -StatePath {{seedState}} | Out-Null
            """);
        var originalDav = DavSnapshot.Read(sourceDav, User);
        Console.WriteLine($"Seeded {User}'s source DAV account with {originalDav.Count} contacts, events and tasks (Import-OmmFile of the team's .vcf and .ics fixtures).");
        Console.WriteLine();

        var statePath = Path.Combine(work, "omm.db");
        var script = $$"""
            $migration = New-OmmMigration -SourceServer {{source.Address}} -SourceDavUrl {{sourceDav.Url}} -SourceLogin {{User}} -SourcePassword {{password}} -SourceSecurity None `
                -DestinationServer {{destination.Address}} -DestinationDavUrl {{destinationDav.Url}} -DestinationLogin {{User}} -DestinationPassword {{password}} -DestinationSecurity None `
                -Include Mail,Contacts,Calendar,Tasks -Project demo -StatePath {{statePath}}
            Get-OmmMigration -StatePath {{statePath}}
            $migration.Progress
            """;
        exit |= RunPowerShell(script);

        Console.WriteLine();
        Console.WriteLine("Checking the destination against the source over IMAP...");
        var original = MailboxSnapshot.Read(source, User);
        var copied = MailboxSnapshot.Read(destination, User);
        var copiedHashes = copied.Messages.Values.SelectMany(m => m).Select(m => m.Sha256).ToHashSet();
        var identical = original.Messages.Values.SelectMany(m => m).Count(m => copiedHashes.Contains(m.Sha256));
        foreach (var (folder, messages) in copied.Messages.OrderBy(f => f.Key, StringComparer.Ordinal))
            Console.WriteLine($"  {folder,-28} {messages.Count,4} messages");
        Console.WriteLine($"{identical} of {original.Count} source messages are on the destination byte for byte.");

        Console.WriteLine("Checking the destination's DAV account against the source's...");
        var copiedDav = DavSnapshot.Read(destinationDav, User);
        foreach (var (collection, items) in copiedDav.Collections.OrderBy(c => c.Key, StringComparer.Ordinal))
            Console.WriteLine($"  {collection,-28} {items.Count,4} items");
        var sameCollections = originalDav.Collections.All(c => copiedDav.Collections.TryGetValue(c.Key, out var copies) && copies.Count == c.Value.Count);
        Console.WriteLine($"{copiedDav.Count} of {originalDav.Count} contacts, events and tasks are on the destination{(sameCollections ? ", in collections of the same names" : string.Empty)}.");

        Directory.Delete(work, recursive: true);
        return exit == 0 && identical == original.Count && sameCollections && copiedDav.Count == originalDav.Count ? 0 : 1;
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
