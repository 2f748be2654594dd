using System;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Omm.Engine.Endpoints;
using Omm.Engine.Connectors;
using Omm.Engine.Migrations;
using Omm.Engine.OAuth;

namespace Omm.Engine.Notifications
{
    /// <summary>
    /// Mails the people who follow a migration or a project when it starts, completes (with counts and
    /// errors) or fails. A mail that cannot be sent is a warning, never a migration failure.
    /// </summary>
    public sealed class MigrationNotifier
    {
        private const int ErrorsListed = 20;
        private readonly NotificationSettings settings;
        private readonly NetworkCredential? credential;
        private readonly IAccessTokenSource? tokens;
        private readonly SemaphoreSlim oneAtATime = new SemaphoreSlim(1, 1);

        public MigrationNotifier(NotificationSettings settings, NetworkCredential? credential)
            : this(settings, credential, null)
        {
        }

        /// <param name="tokens">When set, the SMTP login is by OAuth2 token (XOAUTH2, else OAUTHBEARER) for its account, and <paramref name="credential"/> is not used.</param>
        public MigrationNotifier(NotificationSettings settings, NetworkCredential? credential, IAccessTokenSource? tokens)
        {
            this.settings = settings;
            this.credential = credential;
            this.tokens = tokens;
        }

        public Task MigrationStartedAsync(Migration migration, IMigrationObserver observer) =>
            SendAsync($"[Omm] Migration {migration.Id} started: {migration.SourceAccount} to {migration.DestinationAccount}",
                Describe(migration, started: true), observer);

        public Task MigrationEndedAsync(Migration migration, IMigrationObserver observer) =>
            SendAsync($"[Omm] Migration {migration.Id} {Verb(migration.Status)}: {migration.SourceAccount} to {migration.DestinationAccount}",
                Describe(migration, started: false), observer);

        public Task ProjectStartedAsync(string project, IMigrationObserver observer) =>
            SendAsync($"[Omm] Project {project} started",
                $"Project {project}: migrations are being added and started at {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}.\n", observer);

        public Task ProjectEndedAsync(Project project, IMigrationObserver observer)
        {
            var body = new StringBuilder();
            body.AppendLine($"Project {project.Name}: {project.Migrations} migration(s).");
            foreach (var pair in project.StatusCounts.OrderBy(p => p.Key))
                body.AppendLine($"  {pair.Key}: {pair.Value}");
            body.AppendLine($"Items migrated: {project.ItemsMigrated} of {project.ItemsToMigrate} ({project.BytesMigrated:N0} bytes); in error: {project.ItemsInError}.");
            var failed = project.CountOf(MigrationStatus.Failed) + project.CountOf(MigrationStatus.CompletedWithErrors);
            return SendAsync($"[Omm] Project {project.Name} finished: {project.CountOf(MigrationStatus.Completed)} completed, {failed} with errors or failed",
                body.ToString(), observer);
        }

        private static string Verb(MigrationStatus status) =>
            status == MigrationStatus.Completed ? "completed"
            : status == MigrationStatus.CompletedWithErrors ? "completed with errors"
            : status == MigrationStatus.Failed ? "failed"
            : status.ToString().ToLowerInvariant();

        private static string Describe(Migration migration, bool started)
        {
            var body = new StringBuilder();
            body.AppendLine($"Migration {migration.Id}{(migration.Project != null ? $" (project {migration.Project})" : string.Empty)}");
            body.AppendLine($"Source:      {migration.SourceAccount} on {migration.SourceServer}");
            body.AppendLine($"Destination: {migration.DestinationAccount} on {migration.DestinationServer}");
            body.AppendLine($"Status:      {migration.Status} (sync point {migration.SyncPoint})");
            if (started)
                return body.ToString();

            if (migration.FailureReason != null)
                body.AppendLine($"Why:         {migration.FailureReason}");
            foreach (var row in migration.Progress)
                body.AppendLine($"{row.ItemType}: {row.Migrated} migrated of {row.ToMigrate}, {row.InError} in error, {row.InWarning} in warning ({row.Percent}%)");
            var errors = migration.Errors.Where(e => e.Type == ItemErrorType.Error).ToList();
            if (errors.Count > 0)
            {
                body.AppendLine();
                body.AppendLine($"Items in error ({errors.Count}):");
                foreach (var error in errors.Take(ErrorsListed))
                    body.AppendLine($"- {error.Folder} / {error.ItemName}: {error.Message}");
                if (errors.Count > ErrorsListed)
                    body.AppendLine($"... and {errors.Count - ErrorsListed} more (Get-OmmMigration {migration.Id}).");
            }

            return body.ToString();
        }

        private async Task SendAsync(string subject, string text, IMigrationObserver observer)
        {
            var message = new MimeMessage();
            message.From.Add(MailboxAddress.Parse(settings.Sender ?? settings.Recipients[0]));
            foreach (var recipient in settings.Recipients)
                message.To.Add(MailboxAddress.Parse(recipient));
            message.Subject = subject;
            message.Body = new TextPart("plain") { Text = text };

            await oneAtATime.WaitAsync().ConfigureAwait(false);
            var startTlsRequired = false;
            try
            {
                var address = ServerAddress.Parse(settings.SmtpServer);
                var (port, options) = Transport(address, settings.SmtpSecurity);
                using var client = new SmtpClient { Timeout = 60_000 };
                startTlsRequired = options == SecureSocketOptions.StartTls;
                await client.ConnectAsync(address.Host, port, options).ConfigureAwait(false);
                startTlsRequired = false;
                if (tokens != null)
                    await TokenLoginAsync(client, address.Host, port).ConfigureAwait(false);
                else if (credential != null)
                    await client.AuthenticateAsync(credential).ConfigureAwait(false);
                await client.SendAsync(message).ConfigureAwait(false);
                await client.DisconnectAsync(true).ConfigureAwait(false);
            }
            catch (NotSupportedException) when (startTlsRequired)
            {
                observer.OnWarning($"The notification '{subject}' could not be sent through {settings.SmtpServer}: it does not offer STARTTLS, " +
                    "and neither the mail nor the SMTP login goes unencrypted unless asked. Use -SmtpSecurity Tls for implicit TLS (usually port 465), " +
                    "or -SmtpSecurity None only on a network you trust.");
            }
            catch (Exception e) when (!(e is OutOfMemoryException))
            {
                observer.OnWarning($"The notification '{subject}' could not be sent through {settings.SmtpServer}: {e.Message}");
            }
            finally
            {
                oneAtATime.Release();
            }
        }

        /// <summary>One login with a token (two when the source gives a new one for a refused one); a refusal names the server and account, never the token.</summary>
        private async Task TokenLoginAsync(SmtpClient client, string host, int port)
        {
            var secondToken = false;
            try
            {
                await TokenLogin.AuthenticateAsync(client, tokens!, host, port, $"the SMTP server {settings.SmtpServer}",
                    () => false, () => secondToken = true, CancellationToken.None).ConfigureAwait(false);
            }
            catch (AuthenticationException e)
            {
                throw new MigrationFailedException(FailureKind.Authentication, TokenLogin.Refused("the SMTP server", tokens!.Account, SmtpReason(e), secondToken, "SMTP"), e);
            }
        }

        private static string SmtpReason(AuthenticationException e) =>
            e.InnerException is SmtpCommandException smtp ? $"{(int)smtp.StatusCode} {smtp.Message}" : e.Message;

        private static (int Port, SecureSocketOptions Options) Transport(ServerAddress address, ConnectionSecurity security)
        {
            switch (security)
            {
                case ConnectionSecurity.Tls:
                    return (address.Port ?? 465, SecureSocketOptions.SslOnConnect);
                case ConnectionSecurity.StartTls:
                    return (address.Port ?? 587, SecureSocketOptions.StartTls);
                case ConnectionSecurity.None:
                    return (address.Port ?? 25, SecureSocketOptions.None);
                default:
                    var port = address.Port ?? 587;
                    return (port, port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls);
            }
        }
    }
}
