using System.Collections.Generic;
using Microsoft.Data.Sqlite;
using Omm.Engine.Endpoints;

namespace Omm.Engine.State
{
    /// <summary>What each side of a migration needs besides server, security and login (<see cref="EndpointOptions"/>).</summary>
    public sealed partial class StateStore
    {
        private const string SourceRole = "Source";
        private const string DestinationRole = "Destination";

        /// <summary>Replaces both sides' options (in the caller's transaction, if any).</summary>
        private static void SaveOptions(SqliteConnection connection, string id, ConnectionSettings settings)
        {
            Execute(connection, "DELETE FROM endpoint_option WHERE migration_id = $id", ("$id", id));
            foreach (var (role, options) in new[] { (SourceRole, settings.Source.Options), (DestinationRole, settings.Destination.Options) })
            {
                foreach (var option in options)
                {
                    Execute(connection, "INSERT INTO endpoint_option (migration_id, role, name, value) VALUES ($id, $role, $name, $value)",
                        ("$id", id), ("$role", role), ("$name", option.Key), ("$value", option.Value));
                }
            }
        }

        private static EndpointOptions ReadOptions(SqliteConnection connection, string id, string role)
        {
            using var command = Command(connection, "SELECT name, value FROM endpoint_option WHERE migration_id = $id COLLATE NOCASE AND role = $role",
                ("$id", id), ("$role", role));
            using var reader = command.ExecuteReader();
            var values = new List<KeyValuePair<string, string>>();
            while (reader.Read())
                values.Add(new KeyValuePair<string, string>(reader.GetString(0), reader.GetString(1)));
            return EndpointOptions.From(values);
        }
    }
}
