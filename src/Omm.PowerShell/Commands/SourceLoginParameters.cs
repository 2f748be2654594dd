using System.Management.Automation;
using System.Security;
using Omm.Engine.Accounts;
using Omm.PowerShell.Internal;

namespace Omm.PowerShell.Commands
{
    /// <summary>
    /// -SourceCredential, -SourceLogin and -SourcePassword of New-OmmMigration and Sync-OmmMigration, which give
    /// them to PowerShell as their dynamic parameters. A base class cannot hold them: New-OmmMigration's other base,
    /// the whole destination, is Import-OmmFile's too, and Import-OmmFile has no source.
    /// </summary>
    public sealed class SourceLoginParameters
    {
        [Parameter]
        [Credential]
        public PSCredential? SourceCredential { get; set; }

        [Parameter]
        public string? SourceLogin { get; set; }

        [Parameter]
        [SecureStringTransformation]
        public SecureString? SourcePassword { get; set; }

        /// <summary>What the command line gives for the source's login.</summary>
        internal SideDefaults Given() => SideParameters.Logins(SourceCredential, SourceLogin, SourcePassword);
    }
}
