using System.Net;
using System.Text;
using Omm.Engine.Endpoints;
using Omm.Engine.State;
using Omm.TestServers;

namespace Omm.Engine.Tests;

/// <summary>
/// Servers laid out as Courier-IMAP and Cyrus IMAP are, played by Dovecot: every personal folder below the
/// prefix "INBOX." with the separator '.'. Courier has no SPECIAL-USE, LIST-STATUS nor LIST-EXTENDED (so a
/// missing parent is listed \Noselect, and STATUS on it gets NO); Cyrus writes special-use attributes in
/// lower case. Folders must land by their path below the namespace, in both directions.
/// </summary>
public sealed class PrefixedNamespaceTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("omm-prefixed-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    public static TheoryData<string> Kinds => new() { "Courier", "Cyrus" };

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Folders_from_an_INBOX_prefixed_server_land_by_their_path_below_its_namespace(string kind)
    {
        var (options, sent) = Prefixed(kind);
        using var source = DovecotServer.Start(options);
        using var destination = DovecotServer.Start();
        using (var client = RawImapClient.Connect(source, "ann"))
        {
            client.Create("INBOX.a.b"); // 'INBOX.a' is not a folder: a parent only
            client.Logout();
        }

        TestMigrations.Seed(source, "ann", SyncTests.Messages("INBOX", 0, 2)
            .Concat(SyncTests.Messages(sent, 2, 2))
            .Concat(SyncTests.Messages("INBOX.Lists", 4, 2))
            .Concat(SyncTests.Messages("INBOX.Lists.Dev", 6, 1))
            .Concat(SyncTests.Messages("INBOX.a.b", 7, 1)));
        var (store, id, from, to) = Prepare(source, destination);

        var first = await TestMigrations.RunPass(store, id, from, to);
        var second = await TestMigrations.RunPass(store, id, from, to);

        Assert.True(first.Migration.Status == MigrationStatus.Completed, $"{first.Migration.Status}: {first.Migration.FailureReason} {first.Failure?.InnerException}");
        Assert.Equal(MigrationStatus.Completed, second.Migration.Status);
        AssertLanded(source, destination, new Dictionary<string, string>
        {
            ["INBOX"] = "INBOX",
            [sent] = "Sent",
            ["INBOX.Lists"] = "Lists",
            ["INBOX.Lists.Dev"] = "Lists/Dev",
            ["INBOX.a.b"] = "a/b",
        });
        var folders = MailboxSnapshot.Read(destination, "ann").Folders.Select(f => f.Name).ToList();
        Assert.DoesNotContain(folders, f => f.StartsWith("INBOX/", StringComparison.Ordinal));
        Assert.Contains("a", folders);
        Assert.Empty(store.GetMigratedItemsFrom(id, 2));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Folders_into_an_INBOX_prefixed_server_land_below_its_prefix(string kind)
    {
        var (options, sent) = Prefixed(kind);
        using var source = DovecotServer.Start();
        using var destination = DovecotServer.Start(options);
        using (var client = RawImapClient.Connect(source, "bob"))
        {
            client.Create("a/b"); // 'a' is not a folder: a parent only
            client.Logout();
        }

        TestMigrations.Seed(source, "bob", SyncTests.Messages("INBOX", 0, 2)
            .Concat(SyncTests.Messages("Sent", 2, 2))
            .Concat(SyncTests.Messages("Lists", 4, 2))
            .Concat(SyncTests.Messages("Lists/Dev", 6, 1))
            .Concat(SyncTests.Messages("a/b", 7, 1)));
        var already = SyncTests.Messages("INBOX.Lists", 20, 1).ToList();
        TestMigrations.Seed(destination, "bob", already); // a folder that exists: it is filled, not created again
        using (var client = RawImapClient.Connect(destination, "bob"))
        {
            client.Create("INBOX.a.b");
            client.Logout();
        }

        using var strict = StrictAboutCreate(destination, "bob");
        var (store, id, from, to) = Prepare(source, destination, "bob", strict);

        var first = await TestMigrations.RunPass(store, id, from, to);
        var second = await TestMigrations.RunPass(store, id, from, to);

        Assert.True(first.Migration.Status == MigrationStatus.Completed, $"{first.Migration.Status}: {first.Migration.FailureReason} {first.Failure?.InnerException}");
        Assert.Equal(MigrationStatus.Completed, second.Migration.Status);
        AssertLanded(source, destination, new Dictionary<string, string>
        {
            ["INBOX"] = "INBOX",
            ["Sent"] = sent,
            ["Lists"] = "INBOX.Lists",
            ["Lists/Dev"] = "INBOX.Lists.Dev",
            ["a/b"] = "INBOX.a.b",
        }, "bob", already.Select(m => m.Bytes));
        var folders = MailboxSnapshot.Read(destination, "bob").Folders.Select(f => f.Name).ToList();
        Assert.All(folders, f => Assert.True(f == "INBOX" || f.StartsWith("INBOX.", StringComparison.Ordinal), f));
        Assert.DoesNotContain(folders, f => f.StartsWith("INBOXLists", StringComparison.Ordinal) || f == "INBOX.INBOX");
        Assert.Empty(store.GetMigratedItemsFrom(id, 2));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_folder_the_source_refuses_is_an_error_for_that_folder_and_the_rest_is_copied()
    {
        var (options, _) = Prefixed("Courier");
        using var source = DovecotServer.Start(options);
        using var destination = DovecotServer.Start();
        TestMigrations.Seed(source, "cat", SyncTests.Messages("INBOX", 0, 2)
            .Concat(SyncTests.Messages("INBOX.Broken", 2, 2))
            .Concat(SyncTests.Messages("INBOX.Lists", 4, 2)));
        source.MakeUnreadable("cat", "INBOX.Broken");
        var (store, id, from, to) = Prepare(source, destination, "cat");

        var result = await TestMigrations.RunPass(store, id, from, to);

        Assert.True(result.Migration.Status == MigrationStatus.CompletedWithErrors, $"{result.Migration.Status}: {result.Migration.FailureReason} {result.Failure?.InnerException}");
        var error = Assert.Single(result.Migration.Errors);
        Assert.Equal(("INBOX.Broken", "(folder)", ItemErrorType.Error), (error.Folder, error.ItemName, error.Type));
        var copied = MailboxSnapshot.Read(destination, "cat");
        Assert.Equal(2, copied.In("INBOX").Count);
        Assert.Equal(2, copied.In("Lists").Count);
        Assert.Empty(copied.In("Broken"));
    }

    /// <summary>A Courier- or Cyrus-like server, and the full name of its Sent folder.</summary>
    private static (DovecotOptions Options, string Sent) Prefixed(string kind) => kind switch
    {
        // Courier: folders found by their names alone, no LIST-STATUS, no LIST-EXTENDED (\Noselect, not \NonExistent, for a missing parent).
        "Courier" => (new DovecotOptions
        {
            Separator = '.',
            Prefix = "INBOX.",
            SpecialFolders = new (string, string?)[] { ("Sent", null), ("Drafts", null), ("Trash", null) },
            Capabilities = DovecotOptions.CapabilitiesWithoutCondStore
                .Replace(" LIST-STATUS", string.Empty, StringComparison.Ordinal)
                .Replace(" LIST-EXTENDED", string.Empty, StringComparison.Ordinal)
                .Replace(" SPECIAL-USE", string.Empty, StringComparison.Ordinal),
        }, "INBOX.Sent"),

        // Cyrus: SPECIAL-USE in lower case, on names no guess would find.
        _ => (new DovecotOptions
        {
            Separator = '.',
            Prefix = "INBOX.",
            SpecialFolders = new (string, string?)[] { ("Posted", "\\sent"), ("Discarded", "\\trash") },
        }, "INBOX.Posted"),
    };

    /// <summary>
    /// A proxy in front of the destination that refuses CREATE as Courier and Cyrus do where Dovecot lets it
    /// pass: for a folder that exists ("Cannot create this folder."), and for a name outside the namespace.
    /// </summary>
    private static ImapPushbackProxy StrictAboutCreate(DovecotServer server, string user)
    {
        HashSet<string> existing;
        using (var client = RawImapClient.Connect(server, user))
        {
            existing = client.List().Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
            client.Logout();
        }

        var proxy = ImapPushbackProxy.Start(server);
        proxy.Answer(c => c.Name == "CREATE" && existing.Contains(CreatedName(c)), "NO Cannot create this folder.");
        proxy.Answer(c => c.Name == "CREATE" && !CreatedName(c).StartsWith(server.Options.Prefix, StringComparison.Ordinal), "NO Invalid mailbox name.");
        return proxy;
    }

    private static string CreatedName(ProxiedCommand command)
    {
        var text = Encoding.UTF8.GetString(command.Bytes).TrimEnd('\r', '\n');
        var name = text[(text.IndexOf(" CREATE ", StringComparison.OrdinalIgnoreCase) + " CREATE ".Length)..];
        return name.Length > 1 && name[0] == '"' ? name[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal) : name;
    }

    private (StateStore Store, string Id, AccountEndpoint From, AccountEndpoint To) Prepare(DovecotServer source, DovecotServer destination, string user = "ann",
        LoopbackProxy? destinationProxy = null)
    {
        var store = new StateStore(Path.Combine(directory, user + ".db"));
        var from = TestMigrations.Endpoint(EndpointRole.Source, source, user);
        var to = TestMigrations.Endpoint(EndpointRole.Destination, destination, user);
        if (destinationProxy != null)
            to = new AccountEndpoint(EndpointRole.Destination, ServerType.Imap, ServerAddress.Parse(destinationProxy.Address), ConnectionSecurity.None,
                new NetworkCredential(user, destination.Password), false);
        return (store, TestMigrations.Create(store, from, to).Id, from, to);
    }

    /// <summary>
    /// Each source folder's messages are in the destination folder <paramref name="landing"/> gives, byte for
    /// byte with their flags and dates, exactly once; nothing else is on the destination but <paramref name="alreadyThere"/>.
    /// </summary>
    private static void AssertLanded(DovecotServer source, DovecotServer destination, IReadOnlyDictionary<string, string> landing, string user = "ann",
        IEnumerable<byte[]>? alreadyThere = null)
    {
        var original = MailboxSnapshot.Read(source, user);
        var copied = MailboxSnapshot.Read(destination, user);
        var earlier = (alreadyThere ?? Array.Empty<byte[]>()).Select(b => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(b))).ToHashSet();
        Assert.Equal(original.Count + earlier.Count, copied.Count);
        foreach (var (folder, messages) in original.Messages.Where(m => m.Value.Count > 0))
        {
            Assert.True(landing.ContainsKey(folder), $"The test does not say where '{folder}' goes.");
            var target = copied.In(landing[folder]).Where(m => !earlier.Contains(m.Sha256)).ToList();
            Assert.Equal(messages.Select(m => m.Sha256).OrderBy(h => h), target.Select(m => m.Sha256).OrderBy(h => h));
            foreach (var message in messages)
            {
                var twin = Assert.Single(target, m => m.Sha256 == message.Sha256);
                Assert.Equal(MailboxSnapshot.FlagSet(message), MailboxSnapshot.FlagSet(twin));
                Assert.Equal(message.InternalDate.UtcDateTime, twin.InternalDate.UtcDateTime);
            }
        }
    }
}
