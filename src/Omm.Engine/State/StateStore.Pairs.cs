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
            using (var command = Command(connection, "SELECT id, source_account, destination_account FROM migration ORDER BY created_at, id"))
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
            var settings = request.Connection;
            if (Execute(connection,
                    @"UPDATE migration SET project = $project, source_type = $sourceType, source_server = $sourceServer, source_account = $sourceAccount,
                        source_security = $sourceSecurity, destination_type = $destinationType, destination_server = $destinationServer,
                        destination_account = $destinationAccount, destination_security = $destinationSecurity, skip_certificate_check = $skip,
                        include = $include, include_folders = $includeFolders, exclude_folders = $excludeFolders, source_dav_url = $sourceDav,
                        destination_dav_url = $destinationDav, max_messages_per_second = $maxMessages, max_bytes_per_second = $maxBytes
                      WHERE id = $id",
                    ("$project", request.Project),
                    ("$sourceType", settings.Source.Type.ToString()),
                    ("$sourceServer", settings.Source.Server),
                    ("$sourceAccount", settings.Source.Account),
                    ("$sourceSecurity", settings.Source.Security.ToString()),
                    ("$destinationType", settings.Destination.Type.ToString()),
                    ("$destinationServer", settings.Destination.Server),
                    ("$destinationAccount", settings.Destination.Account),
                    ("$destinationSecurity", settings.Destination.Security.ToString()),
                    ("$skip", settings.SkipCertificateCheck ? 1 : 0),
                    ("$include", string.Join(",", request.Include)),
                    ("$includeFolders", Lines(request.IncludeFolders)),
                    ("$excludeFolders", Lines(request.ExcludeFolders)),
                    ("$sourceDav", settings.Source.DavUrl),
                    ("$destinationDav", settings.Destination.DavUrl),
                    ("$maxMessages", request.Caps.MaxMessagesPerSecond),
                    ("$maxBytes", request.Caps.MaxBytesPerSecond),
                    ("$id", id)) == 0)
                throw new StateFileException($"There is no migration '{id}' in '{Path}'.");
            SaveOptions(connection, id, settings);
            return Get(connection, id)!;
        }

        /// <summary>
        /// Gives a migration's destination what a later import brings (a DAV URL where it had none, a mail server where it
        /// had only a DAV URL) and the item types that come with it; what it copied stays where it went.
        /// </summary>
        public void WidenDestination(string id, ServerType destinationType, string destinationServer, ConnectionSecurity destinationSecurity,
            string? destinationDavUrl, IEnumerable<ItemType> include)
        {
            using var connection = Open();
            if (Execute(connection,
                    @"UPDATE migration SET destination_type = $type, destination_server = $server, destination_security = $security,
                        destination_dav_url = $dav, include = $include WHERE id = $id",
                    ("$type", destinationType.ToString()), ("$server", destinationServer), ("$security", destinationSecurity.ToString()),
                    ("$dav", destinationDavUrl), ("$include", string.Join(",", include)), ("$id", id)) == 0)
                throw new StateFileException($"There is no migration '{id}' in '{Path}'.");
        }
    }
}
