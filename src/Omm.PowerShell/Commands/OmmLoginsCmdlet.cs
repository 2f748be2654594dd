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

        /// <summary>The app the source signs in through by OAuth2 (IMAP, POP3): a hashtable of <see cref="OAuthApp"/>'s settings.</summary>
        [Parameter]
        [OAuthAppTransformation]
        public OAuthApp? SourceOAuth { get; set; }

        /// <summary>An OAuth2 access token the source logs in with as it is (not refreshed): for one-off runs.</summary>
        [Parameter]
        [SecureStringTransformation]
        public SecureString? SourceAccessToken { get; set; }

        /// <summary>What the command line gives for both sides.</summary>
        protected AccountDefaults Given() => new AccountDefaults
        {
            Source = SideParameters.Logins(SourceCredential, SourceLogin, SourcePassword, SourceAdminCredential, SourceOAuth, SourceAccessToken),
            Destination = DestinationGiven(),
        };
    }
}
