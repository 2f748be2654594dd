using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Omm.Engine.Endpoints;
using Omm.Engine.Notifications;

namespace Omm.Engine.State
{
    /// <summary>Projects: their options, their stored (sealed) credentials, and their summary.</summary>
    public sealed partial class StateStore
    {
        public ProjectSettings? GetProjectSettings(string name)
        {
            using var connection = Open();
            using var command = Command(connection,
                @"SELECT name, created_at, include, throttle_limit, include_folders, exclude_folders, notification_emails, notification_from,
                    smtp_server, smtp_security, smtp_login, smtp_secret, key_salt, key_check FROM project WHERE name = $name",
                ("$name", name));
            using var reader = command.ExecuteReader();
            if (!reader.Read())
                return null;
            var recipients = SplitLines(reader.GetString(6));
            var notifications = reader.IsDBNull(8) || recipients.Length == 0
                ? null
                : new NotificationSettings(recipients, reader.IsDBNull(7) ? null : reader.GetString(7), reader.GetString(8),
                    ParseEnum<ConnectionSecurity>(reader.GetString(9)), reader.IsDBNull(10) ? null : reader.GetString(10),
                    reader.IsDBNull(11) ? null : (byte[])reader.GetValue(11));
            return new ProjectSettings(
                reader.GetString(0),
                ReadTime(reader, 1)!.Value,
                reader.IsDBNull(2) ? null : reader.GetString(2).Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries).Select(ParseEnum<ItemType>).ToList(),
                reader.IsDBNull(3) ? (int?)null : reader.GetInt32(3),
                SplitLines(reader.GetString(4)),
                SplitLines(reader.GetString(5)),
                notifications,
                reader.IsDBNull(12) ? null : (byte[])reader.GetValue(12),
                reader.IsDBNull(13) ? null : (byte[])reader.GetValue(13));
        }

        public void SaveProjectSettings(ProjectSettings project)
        {
            using var connection = Open();
            var notifications = project.Notifications;
            Execute(connection,
                @"INSERT INTO project (name, created_at, include, throttle_limit, include_folders, exclude_folders, notification_emails,
                    notification_from, smtp_server, smtp_security, smtp_login, smtp_secret, key_salt, key_check)
                  VALUES ($name, $created, $include, $throttle, $includeFolders, $excludeFolders, $emails, $from, $smtp, $security, $login, $secret, $salt, $check)
                  ON CONFLICT (name) DO UPDATE SET include = excluded.include, throttle_limit = excluded.throttle_limit,
                    include_folders = excluded.include_folders, exclude_folders = excluded.exclude_folders,
                    notification_emails = excluded.notification_emails, notification_from = excluded.notification_from,
                    smtp_server = excluded.smtp_server, smtp_security = excluded.smtp_security, smtp_login = excluded.smtp_login,
                    smtp_secret = excluded.smtp_secret, key_salt = excluded.key_salt, key_check = excluded.key_check",
                ("$name", project.Name),
                ("$created", Format(project.CreatedAt)),
                ("$include", project.Include == null ? null : string.Join(",", project.Include)),
                ("$throttle", project.ThrottleLimit),
                ("$includeFolders", Lines(project.IncludeFolders)),
                ("$excludeFolders", Lines(project.ExcludeFolders)),
                ("$emails", Lines(notifications?.Recipients)),
                ("$from", notifications?.Sender),
                ("$smtp", notifications?.SmtpServer),
                ("$security", notifications?.SmtpSecurity.ToString()),
                ("$login", notifications?.SmtpLogin),
                ("$secret", notifications?.SmtpSecret),
                ("$salt", project.KeySalt),
                ("$check", project.KeyCheck));
        }

        /// <summary>Stores one side's login and sealed password for a migration (replacing what was there).</summary>
        public void StoreCredential(string id, string role, string login, byte[] sealedPassword)
        {
            using var connection = Open();
            Execute(connection,
                @"INSERT INTO credential (migration_id, role, login, secret) VALUES ($id, $role, $login, $secret)
                  ON CONFLICT (migration_id, role) DO UPDATE SET login = excluded.login, secret = excluded.secret",
                ("$id", id), ("$role", role), ("$login", login), ("$secret", sealedPassword));
        }

        public (string Login, byte[] SealedPassword)? GetCredential(string id, string role)
        {
            using var connection = Open();
            using var command = Command(connection, "SELECT login, secret FROM credential WHERE migration_id = $id AND role = $role", ("$id", id), ("$role", role));
            using var reader = command.ExecuteReader();
            return reader.Read() ? (reader.GetString(0), (byte[])reader.GetValue(1)) : ((string, byte[])?)null;
        }

        /// <summary>
        /// Keeps one side's OAuth2 settings with a project (replacing what was there): its options (<see cref="OAuth.OAuthOptionNames"/>,
        /// not secret) and its secret sealed with the project key, or null when none is kept. The project must be saved.
        /// </summary>
        public void SaveProjectOAuth(string project, EndpointRole role, EndpointOptions options, byte[]? sealedSecret) =>
            SaveProjectOAuth(project, role.ToString(), options, sealedSecret);

        /// <param name="role">"Source", "Destination", or "Smtp" for the notifications' SMTP login.</param>
        public void SaveProjectOAuth(string project, string role, EndpointOptions options, byte[]? sealedSecret)
        {
            if (options == null)
                throw new ArgumentNullException(nameof(options));
            var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var option in options)
                values[option.Key] = option.Value;
            using var connection = Open();
            Execute(connection,
                @"INSERT INTO project_oauth (project, role, options, secret) VALUES ($project, $role, $options, $secret)
                  ON CONFLICT (project, role) DO UPDATE SET options = excluded.options, secret = excluded.secret",
                ("$project", project), ("$role", role), ("$options", JsonSerializer.Serialize(values)), ("$secret", sealedSecret));
        }

        /// <summary>One side's OAuth2 settings kept with a project, or null when it keeps none for the side.</summary>
        public (EndpointOptions Options, byte[]? SealedSecret)? GetProjectOAuth(string project, EndpointRole role) => GetProjectOAuth(project, role.ToString());

        /// <param name="role">"Source", "Destination", or "Smtp" for the notifications' SMTP login.</param>
        public (EndpointOptions Options, byte[]? SealedSecret)? GetProjectOAuth(string project, string role)
        {
            using var connection = Open();
            using var command = Command(connection, "SELECT options, secret FROM project_oauth WHERE project = $project AND role = $role",
                ("$project", project), ("$role", role));
            using var reader = command.ExecuteReader();
            if (!reader.Read())
                return null;
            var values = JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(0)) ?? new Dictionary<string, string>();
            return (EndpointOptions.From(values), reader.IsDBNull(1) ? null : (byte[])reader.GetValue(1));
        }

        public IReadOnlyList<Project> ListProjects()
        {
            using var connection = Open();
            using var command = Command(connection,
                "SELECT name FROM project UNION SELECT project FROM migration WHERE project IS NOT NULL ORDER BY 1");
            var names = new List<string>();
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                    names.Add(reader.GetString(0));
            }

            return names.Distinct(StringComparer.OrdinalIgnoreCase).Select(n => GetProject(n)!).ToList();
        }

        /// <summary>The project with its summary; null when neither the project nor any of its migrations exists.</summary>
        public Project? GetProject(string name)
        {
            var settings = GetProjectSettings(name);
            var migrations = List(name);
            if (settings == null && migrations.Count == 0)
                return null;
            settings ??= ProjectSettings.New(migrations[0].Project ?? name);

            long bytes;
            using (var connection = Open())
            {
                bytes = Convert.ToInt64(Scalar(connection,
                    @"SELECT (SELECT COALESCE(SUM(i.size), 0) FROM migrated_item i JOIN migration m ON m.id = i.migration_id
                                WHERE m.project = $name COLLATE NOCASE)
                           + (SELECT COALESCE(SUM(d.size), 0) FROM dav_item d JOIN migration m ON m.id = d.migration_id
                                WHERE m.project = $name COLLATE NOCASE)", ("$name", name)), CultureInfo.InvariantCulture);
            }

            var counts = migrations.GroupBy(m => m.Status).ToDictionary(g => g.Key, g => g.Count());
            return new Project(settings.Name, settings.CreatedAt, settings.Include, settings.ThrottleLimit ?? ProjectSettings.DefaultThrottleLimit,
                settings.IncludeFolders, settings.ExcludeFolders, settings.Notifications?.Recipients ?? new string[0],
                settings.Notifications?.SmtpServer, settings.KeyCheck != null, counts,
                migrations.Sum(m => m.Progress.Sum(p => p.ToMigrate)), migrations.Sum(m => m.Progress.Sum(p => p.Migrated)), bytes,
                migrations.Sum(m => m.Progress.Sum(p => p.InError)), Path,
                DescribeOAuth(settings.Name, EndpointRole.Source), DescribeOAuth(settings.Name, EndpointRole.Destination));
        }

        private string? DescribeOAuth(string project, EndpointRole role) =>
            GetProjectOAuth(project, role) is { } kept ? OAuth.OAuthSides.Describe(kept.Options, kept.SealedSecret != null) : null;
    }
}
