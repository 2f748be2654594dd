using System.Globalization;

namespace Omm.Engine.Tests.State;

/// <summary>What Get-OmmMigration shows of a migration, as lines to compare: status, sync point, counters per item type, item errors.</summary>
internal static class MigrationView
{
    public static IReadOnlyList<string> Of(Migration migration)
    {
        var lines = new List<string>
        {
            $"{migration.SourceType} {migration.SourceAccount} -> {migration.DestinationType} {migration.DestinationAccount}",
            $"{migration.Status}, sync point {migration.SyncPoint}, {migration.Percent}%, include {string.Join(",", migration.Include)}",
        };
        lines.AddRange(migration.Progress.OrderBy(p => p.ItemType).Select(p =>
            $"{p.ItemType}: {p.ToMigrate} to migrate, {p.Migrated} migrated, {p.InError} in error, {p.InWarning} in warning"));
        lines.AddRange(migration.Errors.Select(e =>
            $"{e.Type} {e.ItemType} {e.Folder} | {e.ItemName} | {e.Message} | {e.OccurredAt.ToString("O", CultureInfo.InvariantCulture)}").OrderBy(l => l, StringComparer.Ordinal));
        return lines;
    }
}
