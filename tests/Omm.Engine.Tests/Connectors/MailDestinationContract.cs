using System.Security.Cryptography;
using System.Text;
using MailKit;
using Omm.Engine.Connectors;
using Omm.Engine.Folders;

namespace Omm.Engine.Tests.Connectors;

/// <summary>
/// What every <see cref="IMailDestination"/> must do, as the mail passes and removal rely on it: run against each kind that
/// takes mail (Dovecot IMAP) and the in-memory destination the pass tests use, which the real ones keep honest.
/// </summary>
public abstract class MailDestinationContract
{
    private static readonly DateTimeOffset Received = new(2025, 6, 7, 8, 9, 10, TimeSpan.FromHours(2));

    /// <summary>A new session on the same (empty) account.</summary>
    private protected abstract IMailDestination Open();

    [Fact]
    public async Task A_folder_is_created_once_with_its_parent_and_the_inbox_has_its_role()
    {
        using var destination = Open();
        var tree = await destination.OpenAsync(CancellationToken.None);
        var path = tree.Namespace.FullName(new[] { "Projects", "2026" }, 2);

        var (folder, created) = await destination.EnsureFolderAsync(path, holdsMessages: true, CancellationToken.None);
        var (_, again) = await destination.EnsureFolderAsync(path, holdsMessages: true, CancellationToken.None);

        Assert.True(created);
        Assert.False(again);
        Assert.Equal(path, folder.Path);
        Assert.True(MailboxNamespace.IsInbox(tree.RoleFolders[FolderRole.Inbox]));
        var listed = (await destination.ListFoldersAsync(CancellationToken.None)).Select(f => f.Path).ToList();
        Assert.Contains(path, listed);
        Assert.Contains(tree.Namespace.FullName(new[] { "Projects" }, 1), listed);
        Assert.NotNull(await destination.FindFolderAsync(path, CancellationToken.None));
        Assert.Null(await destination.FindFolderAsync(tree.Namespace.FullName(new[] { "Nowhere" }, 1), CancellationToken.None));
    }

    [Fact]
    public async Task Appended_messages_come_back_byte_for_byte_under_their_keys_with_flags_and_date()
    {
        using var destination = Open();
        var folder = await OpenFolderAsync(destination, "Kept");
        var raws = new[] { Message(1), Message(2), Message(3) };

        var outcomes = await AppendAsync(folder, raws, MessageFlags.Seen | MessageFlags.Flagged, "$Forwarded");

        Assert.All(outcomes, o => Assert.True(o.Stored));
        var keys = outcomes.Select(o => o.Key!).ToList();
        Assert.Equal(3, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.All(keys, k => Assert.True(folder.Holds(k)));
        Assert.Equal(keys.Order(StringComparer.Ordinal), (await folder.ListKeysAsync(CancellationToken.None)).Order(StringComparer.Ordinal));
        var hashes = await folder.HashContentAsync(keys, CancellationToken.None);
        Assert.Equal(raws.Select(r => Convert.ToHexString(SHA256.HashData(r))), keys.Select(k => Convert.ToHexString(hashes[k])));
        var copies = (await folder.ListCopiesAsync(null, new HashSet<string>(), CancellationToken.None)).ToDictionary(c => c.Key);
        for (var i = 0; i < raws.Length; i++)
        {
            var copy = copies[keys[i]];
            Assert.Equal(($"contract-{i + 1}@omm.test", (long)raws[i].Length, Received.ToUnixTimeSeconds()),
                (copy.Fingerprint.MessageId, copy.Fingerprint.Size, copy.Fingerprint.InternalDateSeconds));
            Assert.Equal(folder.AcceptsKeywords ? "\\Flagged \\Seen $Forwarded" : "\\Flagged \\Seen", copy.Flags);
        }
    }

    [Fact]
    public async Task Copies_since_a_cursor_are_those_appended_after_it_that_are_not_claimed()
    {
        using var destination = Open();
        var folder = await OpenFolderAsync(destination, "Since");
        await AppendAsync(folder, new[] { Message(1) }, MessageFlags.None);
        var cursor = folder.Cursor;
        var after = await AppendAsync(folder, new[] { Message(2), Message(3) }, MessageFlags.None);

        var copies = await folder.ListCopiesAsync(cursor, new HashSet<string> { after[0].Key! }, CancellationToken.None);

        Assert.True(folder.Holds(cursor));
        Assert.Equal(new[] { after[1].Key }, copies.Select(c => c.Key));
        Assert.Equal("contract-3@omm.test", copies[0].Fingerprint.MessageId);
    }

    [Fact]
    public async Task Flags_set_on_copies_replace_theirs_and_touch_no_other()
    {
        using var destination = Open();
        var folder = await OpenFolderAsync(destination, "Flags");
        var keys = (await AppendAsync(folder, new[] { Message(1), Message(2) }, MessageFlags.Seen)).Select(o => o.Key!).ToList();

        await folder.SetFlagsAsync(new[] { keys[0] }, MessageFlags.Answered | MessageFlags.Flagged, Array.Empty<string>(), CancellationToken.None);

        var flags = (await folder.ListCopiesAsync(null, new HashSet<string>(), CancellationToken.None)).ToDictionary(c => c.Key, c => c.Flags);
        Assert.Equal("\\Answered \\Flagged", flags[keys[0]]);
        Assert.Equal("\\Seen", flags[keys[1]]);
    }

    [Fact]
    public async Task Delete_removes_exactly_the_keys_given_even_among_identical_messages()
    {
        using var destination = Open();
        var folder = await OpenFolderAsync(destination, "Identical");
        var keys = (await AppendAsync(folder, new[] { Message(7), Message(7), Message(7) }, MessageFlags.None)).Select(o => o.Key!).ToList();

        var deleted = await folder.DeleteAsync(new[] { keys[1] }, CancellationToken.None);
        var again = await folder.DeleteAsync(new[] { keys[1] }, CancellationToken.None);

        Assert.Equal((1, 0), (deleted, again));
        Assert.Equal(new[] { keys[0], keys[2] }.Order(StringComparer.Ordinal), (await folder.ListKeysAsync(CancellationToken.None)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_emptied_folder_can_be_deleted_and_a_later_session_sees_what_the_first_stored()
    {
        string kept, key;
        using (var first = Open())
        {
            var folder = await OpenFolderAsync(first, "Later");
            key = (await AppendAsync(folder, new[] { Message(9) }, MessageFlags.None))[0].Key!;
            kept = folder.Path;
            var (empty, _) = await first.EnsureFolderAsync((await first.OpenAsync(CancellationToken.None)).Namespace.FullName(new[] { "Empty" }, 1), true, CancellationToken.None);
            await first.DeleteFolderAsync(empty.Path, CancellationToken.None);
            await first.CloseAsync();
        }

        using var second = Open();
        var tree = await second.OpenAsync(CancellationToken.None);
        var listed = await second.ListFoldersAsync(CancellationToken.None);
        Assert.DoesNotContain(tree.Namespace.FullName(new[] { "Empty" }, 1), listed.Select(f => f.Path));
        Assert.Equal(1, listed.Single(f => f.Path == kept).Count);
        var again = (await second.FindFolderAsync(kept, CancellationToken.None))!;
        await again.OpenAsync(CancellationToken.None);
        Assert.True(again.Holds(key));
        Assert.Equal(new[] { key }, await again.ListKeysAsync(CancellationToken.None));
    }

    private static async Task<IMailDestinationFolder> OpenFolderAsync(IMailDestination destination, string name)
    {
        var tree = await destination.OpenAsync(CancellationToken.None);
        var (folder, _) = await destination.EnsureFolderAsync(tree.Namespace.FullName(new[] { name }, 1), holdsMessages: true, CancellationToken.None);
        await folder.OpenAsync(CancellationToken.None);
        return folder;
    }

    private static async Task<IReadOnlyList<AppendOutcome>> AppendAsync(IMailDestinationFolder folder, byte[][] raws, MessageFlags flags, params string[] keywords)
    {
        var streams = raws.Select(r => new MemoryStream(r)).ToList();
        var outcomes = await folder.AppendAsync(streams.Select(s => new MessageToAppend(s, flags, folder.AcceptsKeywords ? keywords : Array.Empty<string>(), Received)).ToList(),
            CancellationToken.None);
        streams.ForEach(s => s.Dispose());
        return outcomes;
    }

    private static byte[] Message(int n) => Encoding.ASCII.GetBytes(
        $"From: a@omm.test\r\nTo: b@omm.test\r\nSubject: Contract {n}\r\nMessage-ID: <contract-{n}@omm.test>\r\nDate: Sat, 07 Jun 2025 08:09:10 +0200\r\n\r\nBody {n}.\r\n");
}
