using System.Management.Automation;
using System.Net;
using System.Security;
using Omm.Engine.Accounts;
using Omm.Engine.OAuth;

namespace Omm.PowerShell.Internal
{
    /// <summary>Turns a side's -Credential, -Login and -Password parameters into what the engine reads.</summary>
    internal static class SideParameters
    {
        /// <param name="admin">An administrator who logs in for an Exchange mailbox (-SourceAdminCredential): their login, and their password for the side.</param>
        /// <param name="oauth">The app the side signs in through by OAuth2 (-SourceOAuth), or null.</param>
        /// <param name="accessToken">A token to log in with as it is (-SourceAccessToken), or null.</param>
        public static SideDefaults Logins(PSCredential? credential, string? login, SecureString? password, PSCredential? admin = null,
            OAuthApp? oauth = null, SecureString? accessToken = null)
        {
            var given = new SideDefaults
            {
                Credential = credential == null || credential == PSCredential.Empty ? null : credential.GetNetworkCredential(),
                Login = login,
                Password = Plain(password),
            };
            if (admin != null && admin != PSCredential.Empty)
            {
                given.AdminLogin = admin.UserName;
                given.Password = admin.GetNetworkCredential().Password;
            }

            given.AccessToken = Plain(accessToken);
            if (oauth != null)
                (given.OAuth, given.OAuthSecret) = OAuthApps.Settings(oauth);
            return given;
        }

        public static string? Plain(SecureString? secure) => secure == null ? null : new NetworkCredential(string.Empty, secure).Password;
    }
}
