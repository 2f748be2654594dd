using MailKit;
using MailKit.Net.Imap;

namespace Omm.Engine.Connectors.Imap
{
    /// <summary>An <see cref="ImapClient"/> whose folders spool fetched message bodies through a <see cref="MessageSpool"/>.</summary>
    internal sealed class SpoolingImapClient : ImapClient
    {
        private readonly MessageSpool spool;

        public SpoolingImapClient(MessageSpool spool)
        {
            this.spool = spool;
        }

        /// <param name="protocolLogger">Sees every byte read and written (here: a <see cref="ServerReplyWatch"/>).</param>
        public SpoolingImapClient(MessageSpool spool, IProtocolLogger protocolLogger)
            : base(protocolLogger)
        {
            this.spool = spool;
        }

        protected override ImapFolder CreateImapFolder(ImapFolderConstructorArgs args) => new SpoolingImapFolder(args, spool);
    }
}
