using MailKit.Net.Imap;
using Omm.Engine.Endpoints;

namespace Omm.Engine.Connectors.Imap
{
    /// <summary>One side of a pass: its endpoint, its connection and its folders.</summary>
    internal sealed class ImapMailbox
    {
        public ImapMailbox(AccountEndpoint endpoint, ImapClient client, ImapFolderTree folders)
        {
            Endpoint = endpoint;
            Client = client;
            Folders = folders;
        }

        public AccountEndpoint Endpoint { get; }

        public ImapClient Client { get; }

        public ImapFolderTree Folders { get; }
    }
}
