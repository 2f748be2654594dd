using System.Management.Automation;
using System.Security;
using Omm.Engine.Accounts;
using Omm.PowerShell.Internal;

namespace Omm.PowerShell.Commands
{
    /// <summary>Cmdlets that log in to both sides of recorded migrations, given their logins and passwords alone.</summary>
    public abstract class OmmLoginsCmdlet : OmmDestinationLoginCmdlet
    {
        [Parameter]
        [Credential]
        public PSCredential? SourceCredential { get; set; }

        [Parameter]
        public string? SourceLogin { get; set; }

        [Parameter]
        [SecureStringTransformation]
        public SecureString? SourcePassword { get; set; }

        /// <summary>The administrator who logs in for an Exchange source's mailbox: their password is the source's.</summary>
        [Parameter]
        [Credential]
        public PSCredential? SourceAdminCredential { get; set; }

        /// <summary>What the command line gives for both sides.</summary>
        protected AccountDefaults Given() => new AccountDefaults
        {
            Source = SideParameters.Logins(SourceCredential, SourceLogin, SourcePassword, SourceAdminCredential),
            Destination = DestinationGiven(),
        };
    }
}
