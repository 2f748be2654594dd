using Omm.TestServers;

namespace Omm.Engine.Tests.State;

/// <summary>An account's folders and messages as sorted lines, to write into expected.json and compare with.</summary>
internal static class MailboxLines
{
    public static IReadOnlyList<string> Folders(MailboxSnapshot snapshot) =>
        snapshot.Folders.Select(f => f.Name).OrderBy(n => n, StringComparer.Ordinal).ToList();

    /// <summary>Each message as "folder sha256": the same bytes twice in a folder are two lines.</summary>
    public static IReadOnlyList<string> Messages(MailboxSnapshot snapshot) =>
        snapshot.Messages.SelectMany(f => f.Value.Select(m => $"{f.Key} {m.Sha256}")).OrderBy(l => l, StringComparer.Ordinal).ToList();
}
