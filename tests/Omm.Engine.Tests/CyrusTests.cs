using Omm.Engine.Endpoints;
using Omm.Engine.State;
using Omm.TestServers;

namespace Omm.Engine.Tests;

/// <summary>
/// Migrations to and from a real Cyrus IMAP 3.6 (Debian's packages, unpacked by <see cref="CyrusPackages"/>):
/// personal folders below "INBOX." with the separator '.', and the Sent folder found by its special-use
/// attribute on a name no guess would find (created with "\sent" in lower case, which Cyrus 3.6 accepts
/// and lists as "\Sent").
/// </summary>
public sealed class CyrusTests : IDisposable
{
    private const string CyrusSent = "INBOX.Sent Messages";

    private readonly string directory = Directory.CreateTempSubdirectory("omm-cyrus-tests-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task Mail_from_Dovecot_lands_below_INBOX_on_Cyrus_with_its_bytes_flags_and_dates()
    {
        using var source = DovecotServer.Start();
        using var destination = CyrusServer.Start();
        destination.CreateUser("ann", (CyrusSent, "\\sent"));
        TestMigrations.Seed(source, "ann", Messages("INBOX", 0, 3)
            .Concat(Messages("Sent", 3, 2))
            .Concat(Messages("Lists", 5, 2))
            .Concat(Messages("Lists/Dev", 7, 1)));
        var (store, id, from, to) = Prepare(source, destination, "ann");

        var first = await TestMigrations.RunPass(store, id, from, to);
        var second = await TestMigrations.RunPass(store, id, from, to);

        Assert.True(first.Migration.Status == MigrationStatus.Completed, $"{first.Migration.Status}: {first.Migration.FailureReason} {first.Failure?.InnerException}");
        Assert.True(second.Migration.Status == MigrationStatus.Completed, $"{second.Migration.Status}: {second.Migration.FailureReason} {second.Failure?.InnerException}");
        AssertLanded(source, destination, "ann", new Dictionary<string, string>
        {
            ["INBOX"] = "INBOX",
            ["Sent"] = CyrusSent,
            ["Lists"] = "INBOX.Lists",
            ["Lists/Dev"] = "INBOX.Lists.Dev",
        });
        var folders = MailboxSnapshot.Read(destination, "ann").Folders.Select(f => f.Name).ToList();
        Assert.All(folders, f => Assert.True(f == "INBOX" || f.StartsWith("INBOX.", StringComparison.Ordinal), f));
        Assert.DoesNotContain("INBOX.Sent", folders);
        Assert.Empty(store.GetMigratedItemsFrom(id, 2));
    }

    [Fact]
    public async Task Mail_from_Cyrus_lands_in_Dovecot_by_its_path_below_INBOX_with_its_bytes_flags_and_dates()
    {
        using var source = CyrusServer.Start();
        using var destination = DovecotServer.Start();
        source.CreateUser("bob", (CyrusSent, "\\sent"));
        TestMigrations.Seed(source, "bob", Messages("INBOX", 0, 3)
            .Concat(Messages(CyrusSent, 3, 2))
            .Concat(Messages("INBOX.Lists", 5, 2))
            .Concat(Messages("INBOX.Lists.Dev", 7, 1)));
        var (store, id, from, to) = Prepare(source, destination, "bob");

        var first = await TestMigrations.RunPass(store, id, from, to);
        var second = await TestMigrations.RunPass(store, id, from, to);

        Assert.True(first.Migration.Status == MigrationStatus.Completed, $"{first.Migration.Status}: {first.Migration.FailureReason} {first.Failure?.InnerException}");
        Assert.True(second.Migration.Status == MigrationStatus.Completed, $"{second.Migration.Status}: {second.Migration.FailureReason} {second.Failure?.InnerException}");
        AssertLanded(source, destination, "bob", new Dictionary<string, string>
        {
            ["INBOX"] = "INBOX",
            [CyrusSent] = "Sent",
            ["INBOX.Lists"] = "Lists",
            ["INBOX.Lists.Dev"] = "Lists/Dev",
        });
        var folders = MailboxSnapshot.Read(destination, "bob").Folders.Select(f => f.Name).ToList();
        Assert.DoesNotContain(folders, f => f.StartsWith("INBOX/", StringComparison.Ordinal) || f.StartsWith("INBOX.", StringComparison.Ordinal));
        Assert.DoesNotContain("Sent Messages", folders);
        Assert.Empty(store.GetMigratedItemsFrom(id, 2));
    }

    /// <summary>Generated messages with system flags and a keyword in turn, each with a date of its own.</summary>
    private static IEnumerable<SeedMessage> Messages(string folder, int first, int count) =>
        Enumerable.Range(first, count).Select(i => new SeedMessage(folder, SampleMailbox.Generate(i, $"{folder} {i}", 900 + 211 * i),
            (i % 4) switch
            {
                0 => Array.Empty<string>(),
                1 => new[] { "\\Seen" },
                2 => new[] { "\\Seen", "\\Answered", "$Forwarded" },
                _ => new[] { "\\Flagged", "\\Draft" },
            },
            new DateTimeOffset(2021, 3, 1, 8, 30, 15, TimeSpan.FromHours(i % 3 - 1)).AddHours(i * 31), $"{folder} {i}"));

    private (StateStore Store, string Id, AccountEndpoint From, AccountEndpoint To) Prepare(IImapTestServer source, IImapTestServer destination, string user)
    {
        var store = new StateStore(Path.Combine(directory, user + ".db"));
        var from = TestMigrations.Endpoint(EndpointRole.Source, source, user);
        var to = TestMigrations.Endpoint(EndpointRole.Destination, destination, user);
        return (store, TestMigrations.Create(store, from, to).Id, from, to);
    }

    /// <summary>
    /// Each source folder's messages are in the destination folder <paramref name="landing"/> gives, byte for
    /// byte (SHA-256) with their flags and INTERNALDATE, exactly once; nothing else is on the destination.
    /// </summary>
    private static void AssertLanded(IImapTestServer source, IImapTestServer destination, string user, IReadOnlyDictionary<string, string> landing)
    {
        var original = MailboxSnapshot.Read(source, user);
        var copied = MailboxSnapshot.Read(destination, user);
        Assert.Equal(original.Count, copied.Count);
        foreach (var (folder, messages) in original.Messages.Where(m => m.Value.Count > 0))
        {
            Assert.True(landing.ContainsKey(folder), $"The test does not say where '{folder}' goes.");
            var target = copied.In(landing[folder]);
            Assert.Equal(messages.Select(m => m.Sha256).OrderBy(h => h), target.Select(m => m.Sha256).OrderBy(h => h));
            foreach (var message in messages)
            {
                var twin = Assert.Single(target, m => m.Sha256 == message.Sha256);
                Assert.Equal(MailboxSnapshot.FlagSet(message), MailboxSnapshot.FlagSet(twin));
                Assert.Equal(message.InternalDate.UtcDateTime, twin.InternalDate.UtcDateTime);
            }
        }

        Assert.Equal(landing.Keys.Order(StringComparer.Ordinal), original.Messages.Where(m => m.Value.Count > 0).Select(m => m.Key).Order(StringComparer.Ordinal));
    }
}
