using System;
using System.Collections.Generic;
using System.Linq;

namespace Omm
{
    /// <summary>One source account moved into one destination account, as recorded in the state file.</summary>
    public sealed class Migration
    {
        /// <summary>Creates the record of a migration.</summary>
        public Migration(
            string id,
            string? project,
            ServerType sourceType,
            string sourceServer,
            string sourceAccount,
            ServerType destinationType,
            string destinationServer,
            string destinationAccount,
            IReadOnlyList<ItemType> include,
            IReadOnlyList<string> includeFolder,
            IReadOnlyList<string> excludeFolder,
            MigrationStatus status,
            int syncPoint,
            DateTimeOffset createdAt,
            DateTimeOffset? startedAt,
            DateTimeOffset? completedAt,
            string? failureReason,
            IReadOnlyList<ItemProgress> progress,
            IReadOnlyList<ItemError> errors,
            string statePath,
            string? sourceDavUrl = null,
            string? destinationDavUrl = null,
            double? maxMessagesPerSecond = null,
            long? maxBytesPerSecond = null,
            string? sourceFoundBy = null,
            string? destinationFoundBy = null)
        {
            SourceFoundBy = sourceFoundBy;
            DestinationFoundBy = destinationFoundBy;
            Id = id;
            Project = project;
            SourceType = sourceType;
            SourceServer = sourceServer;
            SourceAccount = sourceAccount;
            DestinationType = destinationType;
            DestinationServer = destinationServer;
            DestinationAccount = destinationAccount;
            Include = include;
            IncludeFolder = includeFolder;
            ExcludeFolder = excludeFolder;
            Status = status;
            SyncPoint = syncPoint;
            CreatedAt = createdAt;
            StartedAt = startedAt;
            CompletedAt = completedAt;
            FailureReason = failureReason;
            Progress = progress;
            Errors = errors;
            StatePath = statePath;
            SourceDavUrl = sourceDavUrl;
            DestinationDavUrl = destinationDavUrl;
            MaxMessagesPerSecond = maxMessagesPerSecond;
            MaxBytesPerSecond = maxBytesPerSecond;
        }

        /// <summary>Short identifier, unique in its state file.</summary>
        public string Id { get; }

        /// <summary>The project the migration belongs to, if any.</summary>
        public string? Project { get; }

        /// <summary>The kind of source server.</summary>
        public ServerType SourceType { get; }

        /// <summary>The source server as host:port.</summary>
        public string SourceServer { get; }

        /// <summary>The login of the source account.</summary>
        public string SourceAccount { get; }

        /// <summary>Where the source's contacts, calendars and tasks are (CalDAV/CardDAV), if anywhere.</summary>
        public string? SourceDavUrl { get; }

        /// <summary>The kind of destination server.</summary>
        public ServerType DestinationType { get; }

        /// <summary>The destination server as host:port.</summary>
        public string DestinationServer { get; }

        /// <summary>The login of the destination account.</summary>
        public string DestinationAccount { get; }

        /// <summary>Where the destination's contacts, calendars and tasks go (CalDAV/CardDAV), if anywhere.</summary>
        public string? DestinationDavUrl { get; }

        /// <summary>The item types this migration moves.</summary>
        public IReadOnlyList<ItemType> Include { get; }

        /// <summary>Only source folders matching one of these patterns are migrated (empty: all).</summary>
        public IReadOnlyList<string> IncludeFolder { get; }

        /// <summary>Source folders matching one of these patterns are not migrated.</summary>
        public IReadOnlyList<string> ExcludeFolder { get; }

        /// <summary>The most messages per second its passes copy, all connections together; null: no cap.</summary>
        public double? MaxMessagesPerSecond { get; }

        /// <summary>The most message bytes per second its passes copy, all connections together; null: no cap.</summary>
        public long? MaxBytesPerSecond { get; }

        /// <summary>How Omm found the source server when none was given (Autodiscover, OVH's DNS records), or null.</summary>
        public string? SourceFoundBy { get; }

        /// <summary>How Omm found the destination server when none was given (Autodiscover, OVH's DNS records), or null.</summary>
        public string? DestinationFoundBy { get; }

        /// <summary>Where the migration stands.</summary>
        public MigrationStatus Status { get; }

        /// <summary>Passes run so far; each pass (the first copy, then every synchronisation) is one sync point.</summary>
        public int SyncPoint { get; }

        /// <summary>When the migration was created.</summary>
        public DateTimeOffset CreatedAt { get; }

        /// <summary>When the first pass started.</summary>
        public DateTimeOffset? StartedAt { get; }

        /// <summary>When the last pass ended.</summary>
        public DateTimeOffset? CompletedAt { get; }

        /// <summary>Why the last pass failed, when Status is Failed.</summary>
        public string? FailureReason { get; }

        /// <summary>Counters, one row per item type.</summary>
        public IReadOnlyList<ItemProgress> Progress { get; }

        /// <summary>Items the last pass could not copy, or copied with a warning.</summary>
        public IReadOnlyList<ItemError> Errors { get; }

        /// <summary>The state file this record comes from.</summary>
        public string StatePath { get; }

        /// <summary>Overall share of source items dealt with, 0 to 100.</summary>
        public int Percent => Progress.Count == 0
            ? 0
            : ItemProgress.PercentOf(Progress.Sum(p => p.Migrated + p.InError), Progress.Sum(p => p.ToMigrate));

        /// <inheritdoc />
        public override string ToString() => Id;
    }
}
