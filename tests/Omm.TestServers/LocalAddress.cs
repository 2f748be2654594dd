using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Omm.TestServers;

public static class LocalAddress
{
    /// <summary>An IPv4 address of this machine that is not loopback (traffic to it counts as network traffic), or null.</summary>
    public static IPAddress? NonLoopback() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
}
