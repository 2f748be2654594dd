using System;
using System.IO;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
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

        /// <summary>A refusal about one folder or message; the connection is fine.</summary>
        public static bool IsRefusal(Exception e) =>
            e is ImapCommandException || e is FolderNotFoundException || e is MessageNotFoundException;

        public static MigrationFailedException ConnectionLost(AccountEndpoint endpoint, string doing, Exception e) =>
            new MigrationFailedException(FailureKind.ConnectionLost,
                $"The connection to the {endpoint.RoleName} server {endpoint.Server} broke while {doing}: " +
                $"{ImapConnector.FirstLine(e.Message)} What was copied before stays.", e);

        /// <summary>Runs a step on one side; a broken connection there fails the pass, naming the side.</summary>
        public static async Task<T> OnSideAsync<T>(AccountEndpoint side, string doing, Func<Task<T>> step)
        {
            try
            {
                return await step().ConfigureAwait(false);
            }
            catch (Exception e) when (!(e is OperationCanceledException) && IsConnectionFault(e))
            {
                throw ConnectionLost(side, doing, e);
            }
        }

        public static Task OnSideAsync(AccountEndpoint side, string doing, Func<Task> step) =>
            OnSideAsync(side, doing, async () =>
            {
                await step().ConfigureAwait(false);
                return true;
            });

        /// <summary>Logs out politely; a server that already dropped the connection changes nothing.</summary>
        public static async Task DisconnectQuietlyAsync(ImapClient client)
        {
            try
            {
                if (client.IsConnected)
                    await client.DisconnectAsync(true, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (IsConnectionFault(e) || e is ImapCommandException)
            {
            }
        }
    }
}
