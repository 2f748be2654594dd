using System;
using System.IO;
using System.Net.Sockets;
using MailKit;

namespace Omm.Engine.Connectors
{
    /// <summary>Faults of a MailKit client (IMAP, POP3, SMTP) that leave its connection gone or unusable.</summary>
    internal static class ConnectionFaults
    {
        /// <summary>Socket, TLS stream, protocol desync (the client's protocol exception), timeout.</summary>
        public static bool IsBroken(Exception e) =>
            e is IOException
            || e is SocketException
            || e is ProtocolException
            || e is ServiceNotConnectedException
            || e is TimeoutException;
    }
}
