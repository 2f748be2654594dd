using System;
using System.Collections.Generic;
using Microsoft.Data.Sqlite;
using Omm.Engine.Endpoints;

namespace Omm.Engine.State
{
    /// <summary>
    /// Each side of a migration: an endpoint row (kind, server, login, security) and its options (<see cref="EndpointOptions"/>),
    /// so that a new kind of server needs no new column.
    /// </summary>
    public sealed partial class StateStore
    {
        private const string SourceRole = "Source";
        private const string DestinationRole = "Destination";

        /// <summary>The option that holds a side's CalDAV/CardDAV URL (<see cref="RecordedSide.DavUrl"/>).</summary>
        private const string DavUrlOption = "DavUrl";

        /// <summary>Records both sides, replacing what was recorded (in the caller's transaction, if any).</summary>
        private static void SaveSides(SqliteConnection connection, string id, ConnectionSettings settings)
        {
            SaveSide(connection, id, SourceRole, settings.Source);
            SaveSide(connection, id, DestinationRole, settings.Destination);
        }

        private static void SaveSide(SqliteConnection connection, string id, string role, RecordedSide side)
        {
            Execute(connection,
                @"INSERT INTO endpoint (migration_id, role, type, server, account, security) VALUES ($id, $role, $type, $server, $account, $security)
                  ON CONFLICT (migration_id, role) DO UPDATE SET type = excluded.type, server = excluded.server, account = excluded.account,
                    security = excluded.security",
                ("$id", id), ("$role", role), ("$type", side.Type.ToString()), ("$server", side.Server), ("$account", side.Account),
                ("$security", side.Security.ToString()));
            Execute(connection, "DELETE FROM endpoint_option WHERE migration_id = $id AND role = $role", ("$id", id), ("$role", role));
            foreach (var option in side.Options.With(DavUrlOption, side.DavUrl))
            {
                Execute(connection, "INSERT INTO endpoint_option (migration_id, role, name, value) VALUES ($id, $role, $name, $value)",
                    ("$id", id), ("$role", role), ("$name", option.Key), ("$value", option.Value));
            }
        }

        /// <summary>Both sides of the migration <paramref name="id"/> (as stored, not of another case).</summary>
        private static (RecordedSide Source, RecordedSide Destination) ReadSides(SqliteConnection connection, string id)
        {
            var options = new Dictionary<string, List<KeyValuePair<string, string>>>(StringComparer.Ordinal)
            {
                [SourceRole] = new List<KeyValuePair<string, string>>(),
                [DestinationRole] = new List<KeyValuePair<string, string>>(),
            };
            using (var command = Command(connection, "SELECT role, name, value FROM endpoint_option WHERE migration_id = $id", ("$id", id)))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                    options[reader.GetString(0)].Add(new KeyValuePair<string, string>(reader.GetString(1), reader.GetString(2)));
            }

            var sides = new Dictionary<string, RecordedSide>(StringComparer.Ordinal);
            using (var command = Command(connection, "SELECT role, type, server, account, security FROM endpoint WHERE migration_id = $id", ("$id", id)))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    var role = reader.GetString(0);
                    var sideOptions = EndpointOptions.From(options[role]);
                    sides[role] = new RecordedSide(ParseEnum<ServerType>(reader.GetString(1)), reader.GetString(2), reader.GetString(3),
                        ParseEnum<ConnectionSecurity>(reader.GetString(4)), sideOptions[DavUrlOption], sideOptions.With(DavUrlOption, null));
                }
            }

            if (!sides.TryGetValue(SourceRole, out var source) || !sides.TryGetValue(DestinationRole, out var destination))
                throw new StateFileException($"Migration '{id}' in the state file lacks a side (endpoint row).");
            return (source, destination);
        }

        /// <summary>The migration's id as stored (ids match without regard to case, endpoint rows by the stored id).</summary>
        private string StoredId(SqliteConnection connection, string id) =>
            Scalar(connection, "SELECT id FROM migration WHERE id = $id", ("$id", id)) as string
            ?? throw new StateFileException($"There is no migration '{id}' in '{Path}'.");
    }
}
