using System;
using System.Runtime.InteropServices;

namespace Omm.Engine.Connectors.Ews
{
    /// <summary>
    /// .NET's own (managed) NTLM client for an NTLM login on Linux. There .NET asks the system's GSSAPI, which has NTLM
    /// only with the gss-ntlmssp plugin (rarely installed); macOS defaults to the managed one, Windows and .NET Framework
    /// use SSPI. The choice is the process-wide AppContext switch System.Net.Security.UseManagedNtlm, read once, the first
    /// time the process does NTLM or Negotiate: no per-client setting exists. Omm runs inside the user's PowerShell, so it
    /// sets the switch only when it is about to log in with NTLM, on such a system, and only if the host has not set it.
    /// </summary>
    internal static class ManagedNtlm
    {
        public const string Switch = "System.Net.Security.UseManagedNtlm";

        private static readonly object Gate = new object();

        /// <summary>Whether .NET on this system logs in with NTLM through the GSSAPI unless told otherwise.</summary>
        public static bool SystemNtlmByDefault =>
            !RuntimeInformation.IsOSPlatform(OSPlatform.Windows) && !RuntimeInformation.IsOSPlatform(OSPlatform.OSX);

        /// <summary>Call before the first NTLM or Negotiate login of the session.</summary>
        public static void PrepareForLogin()
        {
            if (!SystemNtlmByDefault)
                return;
            lock (Gate)
            {
                if (!AppContext.TryGetSwitch(Switch, out _))
                    AppContext.SetSwitch(Switch, true);
            }
        }

        /// <summary>The host turned the managed NTLM off: NTLM then needs gss-ntlmssp. For failure messages.</summary>
        public static bool TurnedOffByHost => SystemNtlmByDefault && AppContext.TryGetSwitch(Switch, out var on) && !on;
    }
}
