using System.Linq;
using System.Management.Automation;
using System.Security;
using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;
using Omm.Engine.State;
using Omm.PowerShell.Internal;

namespace Omm.PowerShell.Commands
{
    /// <summary>Migrates one source account into one destination account, in the foreground, with progress.</summary>
    [Cmdlet(VerbsCommon.New, "OmmMigration")]
    [OutputType(typeof(Migration))]
    public sealed class NewOmmMigrationCommand : OmmConnectingCmdlet
    {
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
            var source = Endpoint(EndpointRole.Source, SourceType, SourceServer, SourceSecurity, SourceCredential, SourceLogin, SourcePassword, SkipCertificateCheck);
            var destination = Endpoint(EndpointRole.Destination, DestinationType, DestinationServer, DestinationSecurity,
                DestinationCredential, DestinationLogin, DestinationPassword, SkipCertificateCheck);
            if (source == null || destination == null)
                return;

            var supported = ItemSupport.Between(SourceType, DestinationType);
            var include = Include == null || Include.Length == 0 ? supported : Include.Distinct().ToList();
            var unsupported = include.Except(supported).ToList();
            if (include.Count == 0 || unsupported.Count > 0)
            {
                var what = unsupported.Count > 0 ? string.Join(", ", unsupported) : "anything";
                WriteError(new ErrorRecord(
                    new System.ArgumentException($"{what} cannot be migrated from {SourceType} to {DestinationType}; these can: {string.Join(", ", supported)}."),
                    "ItemTypeNotSupported", ErrorCategory.InvalidArgument, Include));
                return;
            }

            var store = OpenState();
            var migration = store.CreateMigration(new NewMigration(Project,
                new ConnectionSettings(SourceType, source.Server, source.Account, SourceSecurity,
                    DestinationType, destination.Server, destination.Account, DestinationSecurity, SkipCertificateCheck),
                include));
            WriteVerbose($"Created migration {migration.Id} in {store.Path}.");
            RunPass(store, migration.Id, source, destination);
        }
    }
}
