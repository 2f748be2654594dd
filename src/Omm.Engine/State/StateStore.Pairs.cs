using System;
using System.Collections.Generic;
using System.Linq;

namespace Omm.Engine.State
{
    /// <summary>Migrations by the accounts they join; one that copied nothing taken up again; a migration's destination given a side it lacked.</summary>
    public sealed partial class StateStore
    {
        /// <summary>Every migration from this source login to this destination login (case-insensitive), in any project, oldest first.</summary>
        public IReadOnlyList<Migration> MigrationsBetween(string sourceAccount, string destinationAccount)
        {
            using var connection = Open();
            var ids = new List<string>();
            using (var command = Command(connection,
                       @"SELECT m.id, s.account, d.account FROM migration m
                           JOIN endpoint s ON s.migration_id = m.id AND s.role = $source
                           JOIN endpoint d ON d.migration_id = m.id AND d.role = $destination
                         ORDER BY m.created_at, m.id",
                       ("$source", SourceRole), ("$destination", DestinationRole)))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    if (string.Equals(reader.GetString(1), sourceAccount, StringComparison.OrdinalIgnoreCase)
                        && string.Equals(reader.GetString(2), destinationAccount, StringComparison.OrdinalIgnoreCase))
                        ids.Add(reader.GetString(0));
                }
            }

            return ids.Select(id => Get(connection, id)!).ToList();
        }

        /// <summary>
        /// Gives a migration that copied nothing the settings of a new request for the same accounts (corrected
        /// security, certificate check, DAV URLs, item types, folders, caps, project), so that it is taken up again
        /// instead of a second one being created.
        /// </summary>
        public Migration TakeUp(string id, NewMigration request)
        {
            using var connection = Open();
            using var transaction = connection.BeginTransaction();
            var storedId = StoredId(connection, id);
            Execute(connection,
                @"UPDATE migration SET project = $project, skip_certificate_check = $skip, include = $include, include_folders = $includeFolders,
                    exclude_folders = $excludeFolders, max_messages_per_second = $maxMessages, max_bytes_per_second = $maxBytes
                  WHERE id = $id",
                ("$project", request.Project),
                ("$skip", request.Connection.SkipCertificateCheck ? 1 : 0),
                ("$include", string.Join(",", request.Include)),
                ("$includeFolders", Lines(request.IncludeFolders)),
                ("$excludeFolders", Lines(request.ExcludeFolders)),
                ("$maxMessages", request.Caps.MaxMessagesPerSecond),
                ("$maxBytes", request.Caps.MaxBytesPerSecond),
                ("$id", storedId));
            SaveSides(connection, storedId, request.Connection);
            transaction.Commit();
            return Get(connection, storedId)!;
        }

        /// <summary>
        /// Gives a migration's destination what a later import brings (a DAV URL where it had none, a mail server where it
        /// had only a DAV URL) and the item types that come with it; what it copied stays where it went.
        /// </summary>
        public void WidenDestination(string id, ServerType destinationType, string destinationServer, ConnectionSecurity destinationSecurity,
            string? destinationDavUrl, IEnumerable<ItemType> include)
        {
            using var connection = Open();
            using var transaction = connection.BeginTransaction();
            var storedId = StoredId(connection, id);
            var (_, destination) = ReadSides(connection, storedId);
            SaveSide(connection, storedId, DestinationRole,
                new RecordedSide(destinationType, destinationServer, destination.Account, destinationSecurity, destinationDavUrl, destination.Options));
            Execute(connection, "UPDATE migration SET include = $include WHERE id = $id", ("$include", string.Join(",", include)), ("$id", storedId));
            transaction.Commit();
        }
    }
}
