using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using MailKit.Net.Imap;
using Omm.Engine.Endpoints;

namespace Omm.Engine.Connectors.Imap
{
    /// <summary>
    /// The <see cref="ServerReplyWatch"/>es of one side's open connections, so that a refusal or a BYE that
    /// MailKit reports as an exception can be matched with the response the server sent, response code included.
    /// </summary>
    internal sealed class ServerReplies
    {
        private static readonly ConditionalWeakTable<AccountEndpoint, ServerReplies> Sides = new ConditionalWeakTable<AccountEndpoint, ServerReplies>();

        private readonly List<ServerReplyWatch> watches = new List<ServerReplyWatch>();

        public static ServerReplies Of(AccountEndpoint side) => Sides.GetValue(side, _ => new ServerReplies());

        /// <summary>A watch for a new connection to this side; it leaves when the connection is disposed.</summary>
        public ServerReplyWatch Watch()
        {
            var watch = new ServerReplyWatch(this);
            lock (watches)
                watches.Add(watch);
            return watch;
        }

        internal void Forget(ServerReplyWatch watch)
        {
            lock (watches)
                watches.Remove(watch);
        }

        /// <summary>
        /// The NO or BAD that MailKit reported as <paramref name="e"/>: the last completion on one of this
        /// side's connections with the same text (the connection that failed sends nothing more until the
        /// failure is handled), or null.
        /// </summary>
        public ServerReply? RefusalOf(ImapCommandException e)
        {
            lock (watches)
            {
                for (var i = watches.Count - 1; i >= 0; i--)
                {
                    var completion = watches[i].LastCompletion;
                    if (completion != null && completion.Status != "OK" && completion.Says(e.ResponseText))
                        return completion;
                }
            }

            return null;
        }

        /// <summary>
        /// The BYE behind a connection fault <paramref name="e"/>, taken so that it is reported once: the one
        /// whose text MailKit gave as the message (it does when the BYE has no response code), else the
        /// latest BYE a connection of this side received; null when no connection of this side got one.
        /// </summary>
        public ServerReply? TakeByeBehind(Exception e)
        {
            lock (watches)
            {
                var watch = Latest(w => e is ImapProtocolException && w.Bye?.Says(e.Message) == true) ?? Latest(w => w.Bye != null);
                return watch?.TakeBye();
            }
        }

        private ServerReplyWatch? Latest(Func<ServerReplyWatch, bool> holds)
        {
            for (var i = watches.Count - 1; i >= 0; i--)
            {
                if (holds(watches[i]))
                    return watches[i];
            }

            return null;
        }
    }
}
