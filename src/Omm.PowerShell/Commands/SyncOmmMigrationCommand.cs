using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Security;
using Omm.Engine.Accounts;
using Omm.Engine.OAuth;
using Omm.Engine.Endpoints;
using Omm.Engine.Projects;
using Omm.Engine.Migrations;
using Omm.Engine.State;
using Omm.PowerShell.Internal;

namespace Omm.PowerShell.Commands
{
    /// <summary>
    /// Runs a new pass of migrations (a new sync point): copies what is new in the source, brings flags of
    /// earlier copies up to date, never duplicates. Also resumes Stopped, Failed and Interrupted migrations.
    /// Many run at once, up to the project's throttle limit.
    /// </summary>
    [Cmdlet(VerbsData.Sync, "OmmMigration")]
    [OutputType(typeof(Migration))]
    public sealed class SyncOmmMigrationCommand : OmmLoginsCmdlet
    {
        private readonly Dictionary<string, ProjectSession> sessions = new Dictionary<string, ProjectSession>(StringComparer.OrdinalIgnoreCase);
        private StateStore? store;
        private ProjectSession? session;
        private int rowNumber;
        private (double? MaxMessagesPerSecond, long? MaxBytesPerSecond) capParameters;

        // Not ValueFromPipeline: a piped CSV row (no Id column) would be turned into a string and taken for an id.
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(MigrationIdCompleter))]
        public string[]? Id { get; set; }

        /// <summary>An account row (as for New-OmmMigration) naming its migration by its logins and bringing its passwords.</summary>
        [Parameter(ValueFromPipeline = true)]
        public PSObject? InputObject { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ProjectNameCompleter))]
        public string? Project { get; set; }

        /// <summary>Opens the credentials stored in the project, for unattended runs.</summary>
        [Parameter]
        [SecureStringTransformation]
        public SecureString? ProjectPassword { get; set; }

        /// <summary>IMAP connections to each server a migration may use at once (default 2; 1 keeps each folder's message order).</summary>
        [Parameter]
        [ValidateRange(1, 16)]
        public int Connections { get; set; } = MigrationRunner.DefaultConnections;

        [Parameter]
        [Credential]
        public PSCredential? SmtpCredential { get; set; }

        /// <summary>The app the notifications' SMTP login signs in through by OAuth2 (Microsoft 365: SMTP.SendAsApp); else the project's.</summary>
        [Parameter]
        [OAuthAppTransformation]
        public OAuthApp? SmtpOAuth { get; set; }

        private OAuthSettings? SmtpOAuthSettings() => SmtpOAuth == null ? null : OAuthApps.Of(SmtpOAuth);

        protected override void ProcessRecord()
        {
            // The state file can come with the piped migrations (their StatePath), so it is opened with the first record.
            var current = OpenState();
            if (store == null)
            {
                capParameters = ThroughputCapParameters();
                store = current;
                var projectName = MyInvocation.BoundParameters.ContainsKey(nameof(Project)) ? Project : null;
                session = SessionFor(projectName, terminating: true);
                StartScheduling(store, session!.ThrottleLimit, NotifierOf(session, SmtpCredential?.GetNetworkCredential()),
                    MyInvocation.ExpectingInput || Id == null ? $"Synchronising{(projectName != null ? $" project {projectName}" : string.Empty)}" : null, Connections);
            }
            else if (current.Path != store.Path)
            {
                WriteError(new ErrorRecord(new ArgumentException($"One Sync-OmmMigration works with one state file ({store.Path}), not also {current.Path}."),
                    "StateFileMixed", ErrorCategory.InvalidArgument, current.Path));
                return;
            }

            var row = InputObject != null && Id == null ? PipelineRows.FromObject(InputObject, ++rowNumber) : null;
            (double? Messages, long? Bytes) rowCaps = (null, null);
            try
            {
                if (row != null)
                    rowCaps = AccountRowParser.CapCells(row);
            }
            catch (AccountRowException e)
            {
                WriteError(new ErrorRecord(e, "InvalidAccountRow", ErrorCategory.InvalidData, InputObject));
                return;
            }

            var given = Given();
            foreach (var migration in Targets(row, given))
            {
                var projectSession = SessionFor(migration.Project, terminating: false);
                if (projectSession == null)
                    continue;
                var settings = store!.GetConnectionSettings(migration.Id);
                var (sourceGiven, destinationGiven) = (SignedIn(SourceOAuth, given.Source, settings.Source.Account, "source"),
                    SignedIn(DestinationOAuth, given.Destination, settings.Destination.Account, "destination"));
                if (sourceGiven == null || destinationGiven == null)
                    continue;
                var source = Side(settings, EndpointRole.Source, sourceGiven, migration, projectSession, row);
                var destination = Side(settings, EndpointRole.Destination, destinationGiven, migration, projectSession, row);
                if (source == null || destination == null)
                    continue;
                ChangeThroughputCaps(migration, rowCaps.Messages ?? capParameters.MaxMessagesPerSecond, rowCaps.Bytes ?? capParameters.MaxBytesPerSecond);
                Schedule(migration.Id, source, destination);
            }
        }

        /// <summary>
        /// What the command line gives for a side, once its user signed in when its app asks for a device code sign-in
        /// (the mailbox is the recorded one); null after writing why the sign-in failed.
        /// </summary>
        private SideDefaults? SignedIn(OAuthApp? app, SideDefaults given, string account, string side)
        {
            if (!DeviceCodeSignIn.Wanted(app))
                return given;
            var mine = given.Copy();
            mine.Login = account;
            if (DeviceCodeSignIn.Complete(this, app!, mine, side, true, StopToken) is ErrorRecord failed)
            {
                WriteError(failed);
                return null;
            }

            return mine;
        }

        /// <summary>Stores the caps given (a row's cells, else the parameters) with the migration, for this pass and later ones.</summary>
        private void ChangeThroughputCaps(Migration migration, double? maxMessagesPerSecond, long? maxBytesPerSecond)
        {
            if (maxMessagesPerSecond == null && maxBytesPerSecond == null)
                return;
            var caps = new ThroughputCaps(migration.MaxMessagesPerSecond, migration.MaxBytesPerSecond).With(maxMessagesPerSecond, maxBytesPerSecond);
            if (caps.MaxMessagesPerSecond == migration.MaxMessagesPerSecond && caps.MaxBytesPerSecond == migration.MaxBytesPerSecond)
                return;
            store!.SetThroughputCaps(migration.Id, caps);
            WriteVerbose($"Migration {migration.Id} copies mail {(caps.IsCapped ? caps.ToString() : "without a cap")} from now on.");
        }

        protected override void EndProcessing()
        {
            FinishScheduling();
            foreach (var opened in sessions.Values)
                opened.Dispose();
            session?.Dispose();
            base.EndProcessing();
        }

        /// <summary>The session of a project (options, stored credentials), opened once per command.</summary>
        private ProjectSession? SessionFor(string? project, bool terminating)
        {
            var throttle = GivenThrottleLimit;
            if (project == null)
                return ProjectSession.Open(store!, null, new ProjectOptions { ThrottleLimit = throttle, SmtpOAuth = SmtpOAuthSettings() }, null);
            if (sessions.TryGetValue(project, out var known))
                return known;
            try
            {
                var opened = ProjectSession.Open(store!, project, new ProjectOptions { ThrottleLimit = throttle, SmtpOAuth = SmtpOAuthSettings() },
                    ProjectPassword == null ? null : new NetworkCredential(string.Empty, ProjectPassword).Password, setUpKey: false);
                sessions[project] = opened;
                return opened;
            }
            catch (ProjectPasswordException e)
            {
                var record = new ErrorRecord(e, "ProjectPasswordWrong", ErrorCategory.SecurityError, project);
                if (terminating)
                    ThrowTerminatingError(record);
                WriteError(record);
                return null;
            }
        }

        /// <summary>By id; else the row's (or parameters') pair of logins; else every migration of the project.</summary>
        private IReadOnlyList<Migration> Targets(AccountRow? row, AccountDefaults given)
        {
            if (Id != null)
                return SelectMigrations(store!, Id, Project);

            var targets = RowTargets.Find(store!, row, given, Project);
            if (targets == null)
            {
                WriteError(new ErrorRecord(new ArgumentException("Name the migrations to synchronise: -Id, -Project, or pipe migrations or CSV rows in."),
                    "NothingToSync", ErrorCategory.InvalidArgument, null));
                return Array.Empty<Migration>();
            }

            if (targets.Logins is (string sourceLogin, string destinationLogin) && targets.Migrations.Count == 0)
                WriteError(new ErrorRecord(
                    new ItemNotFoundException($"There is no migration from '{sourceLogin}' to '{destinationLogin}'{(row != null ? $" (row {row.Number})" : string.Empty)} in {store!.Path}."),
                    "MigrationNotFound", ErrorCategory.ObjectNotFound, InputObject != null ? PipelineRows.Redacted(InputObject) : (object?)sourceLogin));
            return targets.Migrations;
        }

        /// <summary>One side's endpoint, logging in as <see cref="CredentialChoice.ParametersFirst"/> says; null after writing why it cannot.</summary>
        private AccountEndpoint? Side(ConnectionSettings settings, EndpointRole role, SideDefaults given, Migration migration, ProjectSession projectSession, AccountRow? row)
        {
            var side = settings.Side(role);
            if (!side.NeedsCredential)
                return side.Endpoint(role, null, settings.SkipCertificateCheck);
            if (OAuthSides.Applies(side.Options, given))
                return OAuthSide(settings, side, role, given, migration, projectSession);

            NetworkCredential? credential;
            try
            {
                credential = CredentialChoice.ParametersFirst(given, side.Account, row, SideFields.Of(role), () => projectSession.StoredCredential(migration.Id, role));
            }
            catch (ProjectPasswordException e)
            {
                WriteError(new ErrorRecord(e, "StoredCredentialUnreadable", ErrorCategory.SecurityError, migration));
                return null;
            }

            if (credential == null)
            {
                WriteError(new ErrorRecord(
                    new ArgumentException($"Migration {migration.Id} needs the {role.ToString().ToLowerInvariant()} password: give -{role}Password or -{role}Credential, " +
                                          "pipe the CSV rows that created it, or -ProjectPassword if its project stores credentials."),
                    $"{role}CredentialMissing", ErrorCategory.InvalidArgument, migration));
                return null;
            }

            return side.Endpoint(role, credential, settings.SkipCertificateCheck);
        }

        /// <summary>A side that signs in by OAuth2: with what the command line gives now, else the recorded settings and their stored secret.</summary>
        private AccountEndpoint? OAuthSide(ConnectionSettings settings, RecordedSide side, EndpointRole role, SideDefaults given, Migration migration,
            ProjectSession projectSession)
        {
            AccountEndpoint? endpoint;
            try
            {
                endpoint = OAuthSides.Endpoint(side, role, given, () => projectSession.StoredCredential(migration.Id, role)?.Password, settings.SkipCertificateCheck);
            }
            catch (ProjectPasswordException e)
            {
                WriteError(new ErrorRecord(e, "StoredCredentialUnreadable", ErrorCategory.SecurityError, migration));
                return null;
            }

            if (endpoint == null)
                WriteError(new ErrorRecord(
                    new ArgumentException($"Migration {migration.Id} signs in to its {role.ToString().ToLowerInvariant()} by OAuth2 with a secret Omm does not keep: " +
                                          $"give -{role}OAuth with the app's secret, or -{role}AccessToken, or -ProjectPassword if its project stores credentials."),
                    $"{role}CredentialMissing", ErrorCategory.InvalidArgument, migration));
            return endpoint;
        }
    }
}
