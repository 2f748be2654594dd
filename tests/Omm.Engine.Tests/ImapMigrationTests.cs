using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;
using Omm.Engine.State;
using Omm.TestServers;

namespace Omm.Engine.Tests;

/// <summary>The engine alone, IMAP to IMAP, against real Dovecot servers.</summary>
public sealed class ImapMigrationTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("omm-engine-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task Special_folders_fall_back_to_well_known_names_when_the_destination_has_no_special_use()
    {
        using var source = DovecotServer.Start();
        using var destination = DovecotServer.Start(new DovecotOptions
        {
            Separator = '.',
            SpecialFolders = new (string, string?)[] { ("Verzonden items", null), ("Verwijderde items", null) },
        });
        Seed(source, "ann", SampleMailbox.Generated().Where(m => m.Folder is "Sent" or "Trash" or "Drafts"));

        var result = await Run(source, "ann", destination, "ann");

        Assert.True(result.Migration.Status == MigrationStatus.Completed, $"{result.Migration.Status}: {result.Migration.FailureReason} {result.Failure?.InnerException}");
        var copied = MailboxSnapshot.Read(destination, "ann");
        Assert.Equal(5, copied.In("Verzonden items").Count);
        Assert.Equal(2, copied.In("Verwijderde items").Count);
        Assert.Equal(2, copied.In("Drafts").Count);
        Assert.Null(copied.Folder("Sent"));
        Assert.Null(copied.Folder("Trash"));
    }

    [Fact]
    public async Task Messages_flags_and_dates_arrive_unchanged()
    {
        using var source = DovecotServer.Start();
        using var destination = DovecotServer.Start(new DovecotOptions { Separator = '.' });
        var sample = SampleMailbox.Fixtures().Concat(SampleMailbox.Generated()).ToList();
        Seed(source, "bob", sample);

        var result = await Run(source, "bob", destination, "bob");

        Assert.True(result.Migration.Status == MigrationStatus.Completed, $"{result.Migration.Status}: {result.Migration.FailureReason} {result.Failure?.InnerException}");
        var original = MailboxSnapshot.Read(source, "bob");
        var copied = MailboxSnapshot.Read(destination, "bob");
        Assert.Equal(sample.Count, original.Count);
        Assert.Equal(original.Count, copied.Count);
        foreach (var (folder, messages) in original.Messages)
        {
            var target = copied.In(folder.Replace('/', '.').Replace("Archive.old", "Archive_old"));
            Assert.Equal(messages.Select(m => m.Sha256).OrderBy(h => h), target.Select(m => m.Sha256).OrderBy(h => h));
            foreach (var message in messages)
            {
                var twin = target.Single(m => m.Sha256 == message.Sha256);
                Assert.Equal(MailboxSnapshot.FlagSet(message), MailboxSnapshot.FlagSet(twin));
                Assert.Equal(message.InternalDate.UtcDateTime, twin.InternalDate.UtcDateTime);
            }
        }

        var mail = Assert.Single(result.Migration.Progress);
        Assert.Equal(sample.Count, mail.ToMigrate);
        Assert.Equal(sample.Count, mail.Migrated);
        Assert.Equal(0, mail.InError);
    }

    private async Task<PassResult> Run(DovecotServer source, string sourceUser, DovecotServer destination, string destinationUser)
    {
        var store = new StateStore(Path.Combine(directory, "omm.db"));
        var from = TestMigrations.Endpoint(EndpointRole.Source, source, sourceUser);
        var to = TestMigrations.Endpoint(EndpointRole.Destination, destination, destinationUser);
        return await TestMigrations.RunPass(store, TestMigrations.Create(store, from, to).Id, from, to);
    }

    private static void Seed(DovecotServer server, string user, IEnumerable<SeedMessage> messages) => TestMigrations.Seed(server, user, messages);
}
