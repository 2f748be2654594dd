using System.Management.Automation;
using System.Net;
using System.Security;
using Omm.Engine.Accounts;

namespace Omm.PowerShell.Internal
{
    /// <summary>Turns a side's -Credential, -Login and -Password parameters into what the engine reads.</summary>
    internal static class SideParameters
    {
        public static SideDefaults Logins(PSCredential? credential, string? login, SecureString? password) =>
            new SideDefaults
            {
                Credential = credential == null || credential == PSCredential.Empty ? null : credential.GetNetworkCredential(),
                Login = login,
                Password = Plain(password),
            };

        public static string? Plain(SecureString? secure) => secure == null ? null : new NetworkCredential(string.Empty, secure).Password;
    }
}
