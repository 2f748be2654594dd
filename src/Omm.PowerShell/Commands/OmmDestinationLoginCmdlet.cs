using System.Management.Automation;
using System.Security;
using Omm.Engine.Accounts;
using Omm.PowerShell.Internal;

namespace Omm.PowerShell.Commands
{
    /// <summary>Cmdlets that log in to the destination with -DestinationCredential, or -DestinationLogin and -DestinationPassword.</summary>
    public abstract class OmmDestinationLoginCmdlet : OmmSchedulingCmdlet
    {
        [Parameter]
        [Credential]
        public PSCredential? DestinationCredential { get; set; }

        [Parameter]
        public string? DestinationLogin { get; set; }

        [Parameter]
        [SecureStringTransformation]
        public SecureString? DestinationPassword { get; set; }

        /// <summary>An administrator who logs in for an Exchange destination's mailbox (ExchangeImpersonation); -DestinationLogin names the mailbox.</summary>
        [Parameter]
        [Credential]
        public PSCredential? DestinationAdminCredential { get; set; }

        /// <summary>What the command line gives for the destination.</summary>
        protected virtual SideDefaults DestinationGiven() =>
            SideParameters.Logins(DestinationCredential, DestinationLogin, DestinationPassword, DestinationAdminCredential);
    }
}
