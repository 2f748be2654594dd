using System.Management.Automation;
using System.Net;
using System.Security;
using Omm.Engine.Accounts;

namespace Omm.PowerShell.Internal
{
    /// <summary>Turns a side's -Credential, -Login and -Password parameters into what the engine reads.</summary>
    internal static class SideParameters
    {
        /// <param name="admin">An administrator who logs in for an Exchange mailbox (-SourceAdminCredential): their login, and their password for the side.</param>
        public static SideDefaults Logins(PSCredential? credential, string? login, SecureString? password, PSCredential? admin = null)
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

            return given;
        }

        public static string? Plain(SecureString? secure) => secure == null ? null : new NetworkCredential(string.Empty, secure).Password;
    }
}
