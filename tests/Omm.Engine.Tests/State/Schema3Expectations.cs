namespace Omm.Engine.Tests.State;

/// <summary>
/// What the schema-3 fixture's migrations did, written by the code that made it (expected.json): which
/// migration is which, what each one's Get view showed, and each destination account before and after each sync point.
/// </summary>
internal sealed record Schema3Expectations(
    string MadeBy,
    string ImapMigration,
    IReadOnlyList<Schema3Expectations.FileImport> FileImports,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Views,
    IReadOnlyDictionary<string, Schema3Expectations.DestinationHistory> Destinations)
{
    /// <summary>A migration from files: <paramref name="Path"/> is relative to the fixture, <paramref name="User"/> the destination account.</summary>
    internal sealed record FileImport(string Id, string Path, string User);

    /// <summary>
    /// One destination account: its folders before the migration, and its messages ("folder sha256", sorted)
    /// at each sync point, index 0 being before the migration's first pass.
    /// </summary>
    internal sealed record DestinationHistory(IReadOnlyList<string> FoldersBefore, IReadOnlyList<IReadOnlyList<string>> MessagesAtSyncPoint);
}
