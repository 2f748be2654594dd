using System;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Security;
using System.Threading;
using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;
using Omm.Engine.State;
using Omm.PowerShell.Internal;

namespace Omm.PowerShell.Commands
{
    /// <summary>Migrates one source account into one destination account, in the foreground, with progress.</summary>
    [Cmdlet(VerbsCommon.New, "OmmMigration")]
    [OutputType(typeof(Migration))]
    public sealed class NewOmmMigrationCommand : OmmCmdlet
    {
        private readonly CancellationTokenSource stop = new CancellationTokenSource();

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public ServerType SourceType { get; set; } = ServerType.Imap;

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string SourceServer { get; set; } = string.Empty;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Credential]
        public PSCredential? SourceCredential { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? SourceLogin { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [SecureStringTransformation]
        public SecureString? SourcePassword { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public ConnectionSecurity SourceSecurity { get; set; } = ConnectionSecurity.Auto;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public ServerType DestinationType { get; set; } = ServerType.Imap;

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string DestinationServer { get; set; } = string.Empty;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Credential]
        public PSCredential? DestinationCredential { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? DestinationLogin { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [SecureStringTransformation]
        public SecureString? DestinationPassword { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public ConnectionSecurity DestinationSecurity { get; set; } = ConnectionSecurity.Auto;

        [Parameter]
        public SwitchParameter SkipCertificateCheck { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public ItemType[]? Include { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Project { get; set; }

        protected override void ProcessRecord()
        {
            var source = Endpoint(EndpointRole.Source, SourceType, SourceServer, SourceSecurity, SourceCredential, SourceLogin, SourcePassword);
            var destination = Endpoint(EndpointRole.Destination, DestinationType, DestinationServer, DestinationSecurity, DestinationCredential, DestinationLogin, DestinationPassword);
            if (source == null || destination == null)
                return;

            var supported = ItemSupport.Between(SourceType, DestinationType);
            var include = Include == null || Include.Length == 0 ? supported : Include.Distinct().ToList();
            var unsupported = include.Except(supported).ToList();
            if (include.Count == 0 || unsupported.Count > 0)
            {
                var what = unsupported.Count > 0 ? string.Join(", ", unsupported) : "anything";
                WriteError(new ErrorRecord(
                    new ArgumentException($"{what} cannot be migrated from {SourceType} to {DestinationType}; these can: {string.Join(", ", supported)}."),
                    "ItemTypeNotSupported", ErrorCategory.InvalidArgument, Include));
                return;
            }

            var store = OpenState();
            var migration = store.CreateMigration(new NewMigration(Project, SourceType, source.Server, source.Account,
                DestinationType, destination.Server, destination.Account, include));
            WriteVerbose($"Created migration {migration.Id} in {store.Path}.");

            PassResult result;
            using (var pump = new PipelinePump())
            {
                var observer = new CmdletMigrationObserver(this, pump);
                result = pump.Run(() => new MigrationRunner(store).RunPassAsync(migration.Id, source, destination, observer, stop.Token));
            }

            if (result.Failure != null)
                WriteError(new ErrorRecord(result.Failure, "MigrationFailed", ErrorCategories.Of(result.Failure.Kind), result.Migration)
                {
                    ErrorDetails = new ErrorDetails($"Migration {result.Migration.Id} failed: {result.Failure.Message}"),
                });
            WriteObject(result.Migration);
        }

        protected override void StopProcessing() => stop.Cancel();

        protected override void EndProcessing() => stop.Dispose();

        private MailEndpoint? Endpoint(EndpointRole role, ServerType type, string server, ConnectionSecurity security,
            PSCredential? credential, string? login, SecureString? password)
        {
            var side = role == EndpointRole.Source ? "Source" : "Destination";
            ServerAddress address;
            try
            {
                address = ServerAddress.Parse(server);
            }
            catch (FormatException e)
            {
                WriteError(new ErrorRecord(e, $"Invalid{side}Server", ErrorCategory.InvalidArgument, server));
                return null;
            }

            NetworkCredential networkCredential;
            if (credential != null && credential != PSCredential.Empty)
                networkCredential = credential.GetNetworkCredential();
            else if (!string.IsNullOrEmpty(login) && password != null)
                networkCredential = new NetworkCredential(login, password);
            else
            {
                WriteError(new ErrorRecord(
                    new ArgumentException($"Give -{side}Credential, or -{side}Login and -{side}Password."),
                    $"{side}CredentialMissing", ErrorCategory.InvalidArgument, server));
                return null;
            }

            return new MailEndpoint(role, type, address, security, networkCredential, SkipCertificateCheck.IsPresent);
        }
    }
}
