using System;
using System.Collections.Generic;

namespace Omm
{
    /// <summary>A named group of migrations with options that apply to migrations added to it, and a summary of where they stand.</summary>
    public sealed class Project
    {
        /// <summary>Creates the record of a project.</summary>
        public Project(string name, DateTimeOffset createdAt, IReadOnlyList<ItemType>? include, int throttleLimit,
            IReadOnlyList<string> includeFolder, IReadOnlyList<string> excludeFolder, IReadOnlyList<string> notificationEmail,
            string? smtpServer, bool credentialsStored, IReadOnlyDictionary<MigrationStatus, int> statusCounts,
            long itemsToMigrate, long itemsMigrated, long bytesMigrated, long itemsInError, string statePath,
            string? sourceOAuth = null, string? destinationOAuth = null)
        {
            Name = name;
            CreatedAt = createdAt;
            Include = include;
            ThrottleLimit = throttleLimit;
            IncludeFolder = includeFolder;
            ExcludeFolder = excludeFolder;
            NotificationEmail = notificationEmail;
            SmtpServer = smtpServer;
            CredentialsStored = credentialsStored;
            StatusCounts = statusCounts;
            ItemsToMigrate = itemsToMigrate;
            ItemsMigrated = itemsMigrated;
            BytesMigrated = bytesMigrated;
            ItemsInError = itemsInError;
            StatePath = statePath;
            SourceOAuth = sourceOAuth;
            DestinationOAuth = destinationOAuth;
        }

        /// <summary>The project name.</summary>
        public string Name { get; }

        /// <summary>When the project was created.</summary>
        public DateTimeOffset CreatedAt { get; }

        /// <summary>Item types migrations added to the project move; null for what both sides support.</summary>
        public IReadOnlyList<ItemType>? Include { get; }

        /// <summary>How many migrations of the project run at once.</summary>
        public int ThrottleLimit { get; }

        /// <summary>Only source folders matching one of these patterns are migrated (empty: all).</summary>
        public IReadOnlyList<string> IncludeFolder { get; }

        /// <summary>Source folders matching one of these patterns are not migrated.</summary>
        public IReadOnlyList<string> ExcludeFolder { get; }

        /// <summary>Who receives the notification mails.</summary>
        public IReadOnlyList<string> NotificationEmail { get; }

        /// <summary>The SMTP server notifications go through.</summary>
        public string? SmtpServer { get; }

        /// <summary>True when the accounts' credentials are stored, encrypted with the project password.</summary>
        public bool CredentialsStored { get; }

        /// <summary>
        /// How sources of migrations added later sign in by OAuth2, as the project keeps it (provider, flow, client id,
        /// tenant; never a secret); null when the project keeps no OAuth2 settings for the source.
        /// </summary>
        public string? SourceOAuth { get; }

        /// <summary>How destinations sign in by OAuth2, as the project keeps it (see <see cref="SourceOAuth"/>); null when it keeps none.</summary>
        public string? DestinationOAuth { get; }

        /// <summary>How many migrations are in each status.</summary>
        public IReadOnlyDictionary<MigrationStatus, int> StatusCounts { get; }

        /// <summary>How many migrations the project holds.</summary>
        public int Migrations
        {
            get
            {
                var total = 0;
                foreach (var count in StatusCounts.Values)
                    total += count;
                return total;
            }
        }

        /// <summary>Items found in the sources at the last passes.</summary>
        public long ItemsToMigrate { get; }

        /// <summary>Items copied so far.</summary>
        public long ItemsMigrated { get; }

        /// <summary>Bytes copied so far.</summary>
        public long BytesMigrated { get; }

        /// <summary>Items the last passes could not copy.</summary>
        public long ItemsInError { get; }

        /// <summary>The state file this record comes from.</summary>
        public string StatePath { get; }

        /// <summary>Migrations in a status, 0 if none.</summary>
        public int CountOf(MigrationStatus status) => StatusCounts.TryGetValue(status, out var count) ? count : 0;

        /// <inheritdoc />
        public override string ToString() => Name;
    }
}
