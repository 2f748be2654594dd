using System.Management.Automation;
using Omm.Engine.Accounts;

namespace Omm.PowerShell.Commands
{
    /// <summary>Cmdlets given a whole destination: its server or DAV URL, security and login.</summary>
    public abstract class OmmDestinationCmdlet : OmmDestinationLoginCmdlet
    {
        [Parameter]
        public ServerType DestinationType { get; set; } = ServerType.Imap;

        /// <summary>The destination's IMAP server, for mail.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? DestinationServer { get; set; }

        [Parameter]
        public ConnectionSecurity DestinationSecurity { get; set; } = ConnectionSecurity.Auto;

        /// <summary>The destination's CalDAV/CardDAV URL, for contacts, calendars and tasks.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? DestinationDavUrl { get; set; }

        [Parameter]
        public SwitchParameter SkipCertificateCheck { get; set; }

        /// <summary>What the command line gives for the destination; a type and security only where given.</summary>
        protected override SideDefaults DestinationGiven()
        {
            var given = base.DestinationGiven();
            var bound = MyInvocation.BoundParameters;
            given.Type = bound.ContainsKey(nameof(DestinationType)) ? DestinationType : (ServerType?)null;
            given.Server = DestinationServer;
            given.Security = bound.ContainsKey(nameof(DestinationSecurity)) ? DestinationSecurity : (ConnectionSecurity?)null;
            given.DavUrl = DestinationDavUrl;
            return given;
        }
    }
}
