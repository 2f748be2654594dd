using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using MailKit.Net.Imap;
using Omm.Engine.Endpoints;

namespace Omm.Engine.Imap
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
        public ServerReply? RefusalOf(ImapCommandException e) =>
            Find(w => w.LastCompletion, r => r.Status != "OK" && r.Says(e.ResponseText));

        /// <summary>The BYE that ended a connection, when MailKit reported it as <paramref name="e"/> (its message is the BYE's text), or null.</summary>
        public ServerReply? ByeOf(Exception e) =>
            e is ImapProtocolException ? Find(w => w.Bye, r => r.Says(e.Message)) : null;

        private ServerReply? Find(Func<ServerReplyWatch, ServerReply?> reply, Func<ServerReply, bool> matches)
        {
            lock (watches)
            {
                for (var i = watches.Count - 1; i >= 0; i--)
                {
                    var candidate = reply(watches[i]);
                    if (candidate != null && matches(candidate))
                        return candidate;
                }
            }

            return null;
        }
    }
}
