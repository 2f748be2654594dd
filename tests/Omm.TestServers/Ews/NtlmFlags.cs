namespace Omm.TestServers.Ews;

/// <summary>The NegotiateFlags of NTLM messages ([MS-NLMP] 2.2.2.5); only the ones this server reads or sets.</summary>
[Flags]
public enum NtlmFlags : uint
{
    None = 0,
    Unicode = 0x0000_0001,
    Oem = 0x0000_0002,
    RequestTarget = 0x0000_0004,
    Sign = 0x0000_0010,
    Seal = 0x0000_0020,
    LmKey = 0x0000_0080,
    Ntlm = 0x0000_0200,
    Anonymous = 0x0000_0800,
    AlwaysSign = 0x0000_8000,
    TargetTypeDomain = 0x0001_0000,
    TargetTypeServer = 0x0002_0000,
    ExtendedSessionSecurity = 0x0008_0000,
    Identify = 0x0010_0000,
    TargetInfo = 0x0080_0000,
    Version = 0x0200_0000,
    Negotiate128 = 0x2000_0000,
    KeyExchange = 0x4000_0000,
    Negotiate56 = 0x8000_0000,
}
