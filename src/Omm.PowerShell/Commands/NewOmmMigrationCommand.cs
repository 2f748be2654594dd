using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Security;
using Omm.Engine.Accounts;
using Omm.Engine.Connectors.Pop3;
using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;
using Omm.Engine.Notifications;
using Omm.Engine.OAuth;
using Omm.Engine.Projects;
using Omm.Engine.State;
using Omm.PowerShell.Internal;

namespace Omm.PowerShell.Commands
{
    /// <summary>
    /// Migrates source accounts into destination accounts: one from the command line, or many from rows
    /// piped in (Import-Csv) or read from a CSV/Excel file, at most -ThrottleLimit at once. Writes each
    /// migration as it ends.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "OmmMigration")]
    [OutputType(typeof(Migration))]
    public sealed class NewOmmMigrationCommand : OmmDestinationCmdlet
    {
        private AccountDefaults defaults = new AccountDefaults();
        private ProjectSession? session;
        private StateStore? store;
        private int rowNumber;

        /// <summary>Piped rows left out because none of their columns is one Omm reads, by their columns: said once for each set.</summary>
        private readonly Dictionary<string, int> unknownColumns = new Dictionary<string, int>(StringComparer.Ordinal);

        /// <summary>An account row: an Import-Csv line of OVH's template, Exchange Online's CSV, or columns named as these parameters.</summary>
        [Parameter(ValueFromPipeline = true)]
        public PSObject? InputObject { get; set; }

        /// <summary>A CSV (';' or ',') or .xlsx file of account rows, read without Import-Csv.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? InputFile { get; set; }

        [Parameter]
        public ServerType SourceType { get; set; } = ServerType.Imap;

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? SourceServer { get; set; }

        [Parameter]
        [Credential]
        public PSCredential? SourceCredential { get; set; }

        [Parameter]
        public string? SourceLogin { get; set; }

        [Parameter]
        [SecureStringTransformation]
        public SecureString? SourcePassword { get; set; }

        /// <summary>An administrator who logs in for an Exchange source's mailbox (ExchangeImpersonation); -SourceLogin names the mailbox.</summary>
        [Parameter]
        [Credential]
        public PSCredential? SourceAdminCredential { get; set; }

        /// <summary>The app the source signs in through by OAuth2 (IMAP, POP3): a hashtable of <see cref="OAuthApp"/>'s settings.</summary>
        [Parameter]
        [OAuthAppTransformation]
        public OAuthApp? SourceOAuth { get; set; }

        /// <summary>An OAuth2 access token the source logs in with as it is (not refreshed): for one-off runs.</summary>
        [Parameter]
        [SecureStringTransformation]
        public SecureString? SourceAccessToken { get; set; }

        [Parameter]
        public ConnectionSecurity SourceSecurity { get; set; } = ConnectionSecurity.Auto;

        /// <summary>The source's CalDAV/CardDAV URL, for contacts, calendars and tasks.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? SourceDavUrl { get; set; }

        /// <summary>A POP3 source: the destination folder its messages go to (default: the inbox).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Pop3Folder { get; set; }

        /// <summary>A POP3 source: copies are marked read unless -Pop3MarkAsRead:$false (POP3 keeps no read state).</summary>
        [Parameter]
        public SwitchParameter Pop3MarkAsRead { get; set; }

        [Parameter]
        public ItemType[]? Include { get; set; }

        /// <summary>Only source folders matching one of these wildcard patterns.</summary>
        [Parameter]
        [SupportsWildcards]
        public string[]? IncludeFolder { get; set; }

        /// <summary>Leaves out source folders matching one of these wildcard patterns.</summary>
        [Parameter]
        [SupportsWildcards]
        public string[]? ExcludeFolder { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ProjectNameCompleter))]
        public string? Project { get; set; }

        /// <summary>Stores the accounts' credentials in the project, encrypted with a key derived from this password.</summary>
        [Parameter]
        [SecureStringTransformation]
        public SecureString? ProjectPassword { get; set; }

        /// <summary>IMAP connections to each server a migration may use at once (default 2; 1 keeps each folder's message order).</summary>
        [Parameter]
        [ValidateRange(1, 16)]
        public int Connections { get; set; } = MigrationRunner.DefaultConnections;

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? NotificationEmail { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? NotificationFrom { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? SmtpServer { get; set; }

        [Parameter]
        [Credential]
        public PSCredential? SmtpCredential { get; set; }

        [Parameter]
        public ConnectionSecurity SmtpSecurity { get; set; } = ConnectionSecurity.Auto;

        /// <summary>The app the notifications' SMTP login signs in through by OAuth2 (Microsoft 365: SMTP.SendAsApp), as the -NotificationFrom mailbox.</summary>
        [Parameter]
        [OAuthAppTransformation]
        public OAuthApp? SmtpOAuth { get; set; }

        /// <summary>
        /// Creates a migration even where one already copies the same items from the same source account into the same
        /// destination account (without it, such a row is an error pointing to Sync-OmmMigration); they are copied again.
        /// </summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void BeginProcessing()
        {
            if (MyInvocation.BoundParameters.ContainsKey(nameof(SourceType)) && SourceType == ServerType.File)
                ThrowTerminatingError(FileSource(SourceServer ?? "the file"));
            var (maxMessages, maxBytes) = ThroughputCapParameters();
            store = OpenState();
            defaults = CommandLineDefaults();
            var oneAccount = InputFile == null && !MyInvocation.ExpectingInput;
            foreach (var (app, given, side) in new[] { (SourceOAuth, defaults.Source, "source"), (DestinationOAuth, defaults.Destination, "destination") })
            {
                if (DeviceCodeSignIn.Wanted(app) && DeviceCodeSignIn.Complete(this, app!, given, side, oneAccount, StopToken) is ErrorRecord failed)
                    ThrowTerminatingError(failed);
            }

            defaults.MaxMessagesPerSecond = maxMessages;
            defaults.MaxBytesPerSecond = maxBytes;
            var bound = MyInvocation.BoundParameters;
            if (NotificationEmail != null && SmtpServer == null)
                ThrowTerminatingError(new ErrorRecord(new ArgumentException("-NotificationEmail needs -SmtpServer."), "SmtpServerMissing", ErrorCategory.InvalidArgument, null));

            var options = new ProjectOptions
            {
                Include = Include?.Distinct().ToList(),
                ThrottleLimit = GivenThrottleLimit,
                IncludeFolders = IncludeFolder,
                ExcludeFolders = ExcludeFolder,
                Notifications = NotificationEmail == null ? null
                    : new NotificationSettings(NotificationEmail, NotificationFrom, SmtpServer!, SmtpSecurity, SmtpCredential?.UserName, null),
                SmtpPassword = SmtpCredential?.GetNetworkCredential().Password,
                SmtpOAuth = SmtpOAuth == null ? null : OAuthApps.Of(SmtpOAuth),
            };
            if (SmtpOAuth != null && (SmtpOAuth.DeviceCode || (NotificationFrom == null && SmtpCredential == null)))
                ThrowTerminatingError(new ErrorRecord(new ArgumentException(SmtpOAuth.DeviceCode
                        ? "-SmtpOAuth signs in an app, not a user by device code: give the tenant's app (SMTP.SendAsApp) or -SmtpCredential."
                        : "-SmtpOAuth signs in as the sending mailbox: give -NotificationFrom (or -SmtpCredential with its address)."),
                    "SmtpOAuthIncomplete", ErrorCategory.InvalidArgument, SmtpOAuth.ToString()));
            try
            {
                session = ProjectSession.Open(store, Project, options, SideParameters.Plain(ProjectPassword));
            }
            catch (ProjectPasswordException e)
            {
                ThrowTerminatingError(new ErrorRecord(e, "ProjectPasswordWrong", ErrorCategory.SecurityError, Project));
            }

            KeepOrApplyProjectOAuth();
            var batch = InputFile != null || MyInvocation.ExpectingInput;
            var notifier = NotifierOf(session!, SmtpCredential?.GetNetworkCredential());
            StartScheduling(store, session!.ThrottleLimit, notifier, batch ? $"Migrations{(Project != null ? $" of project {Project}" : string.Empty)}" : null, Connections);
            if (notifier != null && Project != null && batch)
                RunOnWorker(async (observer, _) =>
                {
                    await notifier.ProjectStartedAsync(Project, observer).ConfigureAwait(false);
                    return true;
                });
        }

        protected override void ProcessRecord()
        {
            IReadOnlyList<AccountRow> rows;
            if (InputObject != null)
            {
                var row = PipelineRows.FromObject(InputObject, ++rowNumber);
                if (!HasKnownColumn(row))
                    return;
                rows = new[] { row };
            }
            else if (InputFile != null)
            {
                try
                {
                    rows = AccountFileReader.Read(SessionState.Path.GetUnresolvedProviderPathFromPSPath(InputFile));
                }
                catch (AccountFileException e)
                {
                    var (errorId, category) = ErrorOf(e.Problem);
                    WriteError(new ErrorRecord(e, errorId, category, InputFile));
                    return;
                }

                if (rows.Count == 0)
                    WriteWarning($"'{InputFile}' has a header line but no account rows: no migration was created.");
            }
            else
            {
                rows = new[] { AccountRow.CommandLine() };
            }

            foreach (var row in rows)
                Add(row);
        }

        protected override void EndProcessing()
        {
            FinishScheduling();
            var notifier = session == null ? null : NotifierOf(session, SmtpCredential?.GetNetworkCredential());
            if (notifier != null && Project != null && (InputFile != null || MyInvocation.ExpectingInput))
            {
                var project = store!.GetProject(Project);
                if (project != null)
                    RunOnWorker(async (observer, _) =>
                    {
                        await notifier.ProjectEndedAsync(project, observer).ConfigureAwait(false);
                        return true;
                    });
            }

            foreach (var skipped in unknownColumns.Values.Where(count => count > 1))
                WriteVerbose($"{skipped} rows piped in were left out for the columns named in the error above.");
            if (MyInvocation.ExpectingInput && InputFile == null && rowNumber == 0)
                WriteWarning("No account rows came through the pipeline, so no migration was created (Import-Csv of a file with a header line alone gives none).");
            WriteVerbose($"At most {MostAtOnce} migration(s) ran at once.");
            session?.Dispose();
            base.EndProcessing();
        }

        /// <summary>
        /// A side given -SourceOAuth keeps its app with the project for migrations added later; a side given none gets the
        /// app the project keeps, used for rows that give no password (<see cref="SideDefaults.ProjectOAuth"/>).
        /// </summary>
        private void KeepOrApplyProjectOAuth()
        {
            foreach (var (role, given) in new[] { (EndpointRole.Source, defaults.Source), (EndpointRole.Destination, defaults.Destination) })
            {
                try
                {
                    if (given.OAuth.Count == 0)
                        session!.ApplyStoredOAuth(role, given);
                    else if (!session!.StoreOAuth(role, given))
                        WriteWarning($"Project '{Project}' does not keep the {role.ToString().ToLowerInvariant()}'s OAuth2 app: its secret is kept only " +
                                     $"sealed with -ProjectPassword. Migrations added to the project later need -{role}OAuth again.");
                }
                catch (ProjectPasswordException e)
                {
                    ThrowTerminatingError(new ErrorRecord(e, "ProjectPasswordWrong", ErrorCategory.SecurityError, Project));
                }
            }
        }

        private static ErrorRecord FileSource(string path) =>
            new ErrorRecord(new ArgumentException($"A file is not an account to migrate from: import '{path}' with Import-OmmFile (PST, mbox, .eml, .vcf, .ics)."),
                "FileSourceNotSupported", ErrorCategory.InvalidArgument, path);

        private void Add(AccountRow row)
        {
            AccountSpec spec;
            try
            {
                spec = AccountRowParser.Parse(row, defaults, SkipCertificateCheck);
            }
            catch (AccountRowException e) when (row.IsCommandLine)
            {
                WriteError(CommandLineErrors.Of(e));
                return;
            }
            catch (AccountRowException e)
            {
                WriteError(new ErrorRecord(e, "InvalidAccountRow", ErrorCategory.InvalidData, Target(row)));
                return;
            }

            if (spec.Source.Type == ServerType.File)
            {
                WriteError(FileSource(spec.Source.Server));
                return;
            }

            if (ItemSupport.Refusal(spec.Source, spec.Destination, session!.Include) is string refusal)
            {
                WriteError(new ErrorRecord(new ArgumentException(refusal), "ItemTypeNotSupported", ErrorCategory.InvalidArgument, Include));
                return;
            }

            if (spec.Source.NeedsDiscovery || spec.Destination.NeedsDiscovery)
            {
                var steps = new List<string>();
                try
                {
                    spec = new AccountSpec(spec.Row, ServerDiscovery.Resolve(spec.Source, steps, StopToken),
                        ServerDiscovery.Resolve(spec.Destination, steps, StopToken), spec.Project, spec.Caps);
                }
                catch (MigrationFailedException e)
                {
                    WriteError(new ErrorRecord(e, "ServerNotFound", ErrorCategory.ObjectNotFound, row.IsCommandLine ? (object)spec.Destination.Account : Target(row)));
                    return;
                }
                finally
                {
                    steps.ForEach(WriteVerbose);
                }
            }

            var include = session.Include ?? ItemSupport.Between(spec.Source, spec.Destination);
            var connection = ConnectionSettings.Of(spec.Source, spec.Destination, SkipCertificateCheck);
            var request = new NewMigration(spec.Project ?? session.Name, connection, include, session.IncludeFolders, session.ExcludeFolders, spec.Caps);
            RowMigration recorded;
            try
            {
                recorded = RowMigration.Record(store!, request, Force, row.IsCommandLine ? null : row.Describe());
            }
            catch (MigrationExistsException exists)
            {
                WriteError(new ErrorRecord(exists, "MigrationExists", ErrorCategory.ResourceExists, row.IsCommandLine ? exists.Migration : Target(row)));
                return;
            }

            var migration = recorded.Migration;
            if (recorded.Doubled is (Migration doubled, IReadOnlyList<ItemType> again))
                WriteWarning($"{MigrationExistsException.Names(doubled)}; -Force creates another one, which copies {string.Join(", ", again)} again.");
            else if (recorded.TakenUp != null)
                WriteVerbose($"Migration {migration.Id} ({spec.Source.Account} to {spec.Destination.Account}, {recorded.TakenUp.Status}) copied nothing: " +
                             "it runs again with the settings given now, rather than a second migration.");
            else
                WriteVerbose($"Created migration {migration.Id} ({spec.Source.Account} to {spec.Destination.Account}) in {store!.Path}.");

            session.StoreCredentials(migration.Id, spec.Source, spec.Destination);
            if (spec.Caps.IsCapped)
                WriteVerbose($"Migration {migration.Id} copies mail {spec.Caps}" +
                             (MailProviders.DailyLimit(spec.Source, spec.Destination) is (long rate, string reason) && spec.Caps.MaxBytesPerSecond == rate
                                 ? $" ({reason}; -MaxBytesPerSecond 0 lifts the cap)." : "."));
            Schedule(migration.Id, spec.Source, spec.Destination);
        }

        /// <summary>A row to name in an error record, its passwords hidden.</summary>
        private object Target(AccountRow row) => InputObject != null ? PipelineRows.Redacted(InputObject) : PipelineRows.Redacted(row);

        /// <summary>
        /// Whether a piped row has a column Omm reads; else says why once for rows with its columns (a wrong delimiter
        /// or wrong headers) and leaves it out, as the rows after it with the same columns.
        /// </summary>
        private bool HasKnownColumn(AccountRow row)
        {
            var columns = row.Columns;
            if (AccountLayouts.CountKnown(columns) > 0)
                return true;
            var key = string.Join("\n", columns);
            unknownColumns.TryGetValue(key, out var seen);
            unknownColumns[key] = seen + 1;
            if (seen == 0)
                WriteError(new ErrorRecord(
                    new ArgumentException($"{row.Describe()} is not an account row: {AccountLayouts.UnknownColumnsProblem(columns, piped: true)} " +
                                          "No row with these columns is migrated."),
                    "UnknownAccountColumns", ErrorCategory.InvalidData, PipelineRows.Redacted(InputObject!)));
            return false;
        }

        private static (string ErrorId, ErrorCategory Category) ErrorOf(AccountFileProblem problem)
        {
            switch (problem)
            {
                case AccountFileProblem.NotAnAccountsList:
                    return ("InputFileNotAccountsList", ErrorCategory.InvalidData);
                case AccountFileProblem.NoHeader:
                    return ("InputFileHasNoHeader", ErrorCategory.InvalidData);
                case AccountFileProblem.UnknownColumns:
                    return ("UnknownAccountColumns", ErrorCategory.InvalidData);
                default:
                    return ("InputFileUnreadable", ErrorCategory.ReadError);
            }
        }

        private AccountDefaults CommandLineDefaults()
        {
            var bound = MyInvocation.BoundParameters;
            var source = SideParameters.Logins(SourceCredential, SourceLogin, SourcePassword, SourceAdminCredential, SourceOAuth, SourceAccessToken);
            source.Type = bound.ContainsKey(nameof(SourceType)) ? SourceType : (ServerType?)null;
            source.Server = SourceServer;
            source.Security = bound.ContainsKey(nameof(SourceSecurity)) ? SourceSecurity : (ConnectionSecurity?)null;
            source.DavUrl = SourceDavUrl;
            source.Options = Pop3Options.Of(Pop3Folder, !bound.ContainsKey(nameof(Pop3MarkAsRead)) || Pop3MarkAsRead.IsPresent);
            return new AccountDefaults { Source = source, Destination = DestinationGiven(), Project = Project };
        }
    }
}
