using System.IO;
using MailKit;
using MailKit.Net.Imap;

namespace Omm.Engine.Connectors.Imap
{
    internal sealed class SpoolingImapFolder : ImapFolder
    {
        private readonly MessageSpool spool;

        public SpoolingImapFolder(ImapFolderConstructorArgs args, MessageSpool spool)
            : base(args)
        {
            this.spool = spool;
        }

        protected override Stream CreateStream(UniqueId? uid, string section, int offset, int length) => new SpooledMessageStream(spool.Create(length));
    }
}
