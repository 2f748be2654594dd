namespace Omm.TestServers.Ews;

/// <summary>The AvId of an AV_PAIR in a TargetInfo field ([MS-NLMP] 2.2.2.1).</summary>
public enum NtlmAvId : ushort
{
    EndOfList = 0,
    NbComputerName = 1,
    NbDomainName = 2,
    DnsComputerName = 3,
    DnsDomainName = 4,
    DnsTreeName = 5,
    Flags = 6,
    Timestamp = 7,
    SingleHost = 8,
    TargetName = 9,
    ChannelBindings = 10,
}
