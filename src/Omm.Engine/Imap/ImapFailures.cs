using System;
using System.IO;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Imap;
using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;

namespace Omm.Engine.Imap
{
    /// <summary>Tells faults that end a connection from faults about one item.</summary>
    internal static class ImapFailures
    {
        /// <summary>The connection is gone or unusable: socket, TLS stream, protocol desync, timeout.</summary>
        public static bool IsConnectionFault(Exception e) =>
            e is IOException
            || e is SocketException
            || e is ImapProtocolException
            || e is ServiceNotConnectedException
            || e is TimeoutException;

        public static MigrationFailedException ConnectionLost(MailEndpoint endpoint, string doing, Exception e) =>
            new MigrationFailedException(FailureKind.Connection,
                $"The connection to the {endpoint.RoleName} server {endpoint.Server} broke while {doing}: " +
                $"{ImapConnector.FirstLine(e.Message)} What was copied before stays.", e);
    }
}
