using System;
using System.Threading;
using System.Threading.Tasks;
using MailKit;
using MailKit.Net.Imap;
using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;

namespace Omm.Engine.Connectors.Imap
{
    /// <summary>Tells faults that end a connection from faults about one item.</summary>
    internal static class ImapFailures
    {
        /// <summary>A refusal about one folder or message; the connection is fine.</summary>
        public static bool IsRefusal(Exception e) =>
            e is ImapCommandException || e is FolderNotFoundException || e is MessageNotFoundException;

        public static MigrationFailedException ConnectionLost(AccountEndpoint endpoint, string doing, Exception e)
        {
            var bye = ServerReplies.Of(endpoint).TakeByeBehind(e);
            return new MigrationFailedException(FailureKind.ConnectionLost, bye != null
                ? $"The {endpoint.RoleName} server {endpoint.Server} closed the connection while {doing}: BYE {bye} What was copied before stays."
                : $"The connection to the {endpoint.RoleName} server {endpoint.Server} broke while {doing}: " +
                  $"{ImapConnector.FirstLine(e.Message)} What was copied before stays.", e);
        }

        /// <summary>
        /// A refusal that is not about the folder or message in hand: the server cannot do it now (RFC 5530
        /// UNAVAILABLE, INUSE; the pass is run again later), or the destination is over its quota (OVERQUOTA;
        /// the pass stops). Null for any other refusal, which the caller records against its item.
        /// </summary>
        public static MigrationFailedException? Pushback(AccountEndpoint side, string doing, ImapCommandException e)
        {
            var reply = ServerReplies.Of(side).RefusalOf(e);
            if (IsTemporary(reply))
                return new MigrationFailedException(FailureKind.ServerUnavailable,
                    $"The {side.RoleName} server {side.Server} refused {doing} for the moment: {reply} What was copied before stays.", e);
            if (reply?.Code == "OVERQUOTA" && side.Role == EndpointRole.Destination)
                return new MigrationFailedException(FailureKind.OverQuota,
                    $"The destination mailbox is over its quota: {reply.Text} What was copied stays recorded: free space on the destination " +
                    "or raise its quota, then run the migration again to go on.", e);
            return null;
        }

        /// <summary>The server says it cannot do it now, not that it never will (RFC 5530 UNAVAILABLE, INUSE).</summary>
        public static bool IsTemporary(ServerReply? reply) => reply?.Code == "UNAVAILABLE" || reply?.Code == "INUSE";

        /// <summary>What the server said in refusing, response code included ("[LIMIT] Mail size is larger..."), for an item error.</summary>
        public static string Refusal(AccountEndpoint side, ImapCommandException e) =>
            ServerReplies.Of(side).RefusalOf(e)?.ToString() ?? (string.IsNullOrEmpty(e.ResponseText) ? e.Message : e.ResponseText);

        /// <summary>A refusal about one folder or message (<see cref="IsRefusal"/>) as the connectors' contracts say it.</summary>
        public static RefusedException Refused(AccountEndpoint side, Exception e) =>
            new RefusedException(e is ImapCommandException command ? Refusal(side, command) : e.Message, e);

        /// <summary>
        /// Runs a step on one side; a broken connection there, or a refusal that is <see cref="Pushback"/>,
        /// fails the pass, naming the side.
        /// </summary>
        public static async Task<T> OnSideAsync<T>(AccountEndpoint side, string doing, Func<Task<T>> step)
        {
            try
            {
                return await step().ConfigureAwait(false);
            }
            catch (ImapCommandException e) when (Pushback(side, doing, e) is MigrationFailedException failure)
            {
                throw failure;
            }
            catch (Exception e) when (!(e is OperationCanceledException) && ConnectionFaults.IsBroken(e))
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
            catch (Exception e) when (ConnectionFaults.IsBroken(e) || e is ImapCommandException)
            {
            }
        }
    }
}
