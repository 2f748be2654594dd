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

        /// <summary>The app the destination signs in through by OAuth2 (IMAP): a hashtable of <see cref="OAuthApp"/>'s settings.</summary>
        [Parameter]
        [OAuthAppTransformation]
        public OAuthApp? DestinationOAuth { get; set; }

        /// <summary>An OAuth2 access token the destination logs in with as it is (not refreshed): for one-off runs.</summary>
        [Parameter]
        [SecureStringTransformation]
        public SecureString? DestinationAccessToken { get; set; }

        /// <summary>What the command line gives for the destination.</summary>
        protected virtual SideDefaults DestinationGiven() =>
            SideParameters.Logins(DestinationCredential, DestinationLogin, DestinationPassword, DestinationAdminCredential, DestinationOAuth, DestinationAccessToken);
    }
}
