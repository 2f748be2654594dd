using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Security;
using Omm.Engine.Endpoints;
using Omm.Engine.State;
using Omm.PowerShell.Internal;

namespace Omm.PowerShell.Commands
{
    /// <summary>
    /// Runs a new pass of migrations (a new sync point): copies what is new in the source, brings flags of
    /// earlier copies up to date, never duplicates. Also resumes Stopped, Failed and Interrupted migrations.
    /// </summary>
    [Cmdlet(VerbsData.Sync, "OmmMigration")]
    [OutputType(typeof(Migration))]
    public sealed class SyncOmmMigrationCommand : OmmConnectingCmdlet
    {
        // Not ValueFromPipeline: a piped CSV row (no Id column) would be turned into a string and taken for an id.
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Id { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Project { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Credential]
        public PSCredential? SourceCredential { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? SourceLogin { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [SecureStringTransformation]
        public SecureString? SourcePassword { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Credential]
        public PSCredential? DestinationCredential { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? DestinationLogin { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [SecureStringTransformation]
        public SecureString? DestinationPassword { get; set; }

        protected override void ProcessRecord()
        {
            var store = OpenState();
            foreach (var migration in Targets(store))
            {
                var settings = store.GetConnectionSettings(migration.Id);
                var source = Endpoint(EndpointRole.Source, settings.SourceType, settings.SourceServer, settings.SourceSecurity,
                    SourceCredential, SourceLogin ?? settings.SourceAccount, SourcePassword, settings.SkipCertificateCheck);
                var destination = Endpoint(EndpointRole.Destination, settings.DestinationType, settings.DestinationServer, settings.DestinationSecurity,
                    DestinationCredential, DestinationLogin ?? settings.DestinationAccount, DestinationPassword, settings.SkipCertificateCheck);
                if (source != null && destination != null)
                    RunPass(store, migration.Id, source, destination);
            }
        }

        /// <summary>By id; else the CSV row's pair of accounts; else every migration of the project.</summary>
        private IReadOnlyList<Migration> Targets(StateStore store)
        {
            if (Id != null)
                return SelectMigrations(store, Id, Project);

            if (!string.IsNullOrEmpty(SourceLogin) && !string.IsNullOrEmpty(DestinationLogin))
            {
                var match = store.List(Project).LastOrDefault(m =>
                    string.Equals(m.SourceAccount, SourceLogin, StringComparison.OrdinalIgnoreCase)
                    && string.Equals(m.DestinationAccount, DestinationLogin, StringComparison.OrdinalIgnoreCase));
                if (match != null)
                    return new[] { match };
                WriteError(new ErrorRecord(
                    new ItemNotFoundException($"There is no migration from '{SourceLogin}' to '{DestinationLogin}' in {store.Path}."),
                    "MigrationNotFound", ErrorCategory.ObjectNotFound, SourceLogin));
                return Array.Empty<Migration>();
            }

            if (Project != null)
                return store.List(Project);

            WriteError(new ErrorRecord(new ArgumentException("Name the migrations to synchronise: -Id, -Project, or pipe migrations or CSV rows in."),
                "NothingToSync", ErrorCategory.InvalidArgument, null));
            return Array.Empty<Migration>();
        }
    }
}
