using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MailKit;
using MailKit.Net.Pop3;
using MimeKit;
using Omm.Engine.Endpoints;
using Omm.Engine.Folders;
using Omm.Engine.Migrations;

namespace Omm.Engine.Connectors.Pop3
{
    /// <summary>
    /// A POP3 mailbox as a mail source: one folder (INBOX, or the one the source's <see cref="Pop3Options.Folder"/> names, with
    /// '/' between levels), whose messages are known by their UIDL (or, from a
    /// server without UIDL, by a fingerprint: <see cref="Pop3Keys"/>) and read with RETR byte for byte.
    /// </summary>
    /// <remarks>
    /// <para>It never deletes from the source: it sends no DELE, ever, so the QUIT that ends the session (on
    /// <see cref="Dispose"/>) leaves every message where it was.</para>
    /// <para>POP3 keeps no flags and no received date: copies are marked \Seen or not as asked, and dated from
    /// their headers (<see cref="ReceivedDate"/>) when they are read.</para>
    /// </remarks>
    public sealed class Pop3MailSource : IMailSource
    {
        private readonly AccountEndpoint endpoint;
        private readonly MessageFlags flags;
        private Pop3Client? client;

        /// <param name="markAsRead">Mark the copies \Seen (POP3 cannot say whether a message was read).</param>
        public Pop3MailSource(AccountEndpoint endpoint, bool markAsRead = true)
        {
            this.endpoint = endpoint;
            flags = markAsRead ? MessageFlags.Seen : MessageFlags.None;
        }

        public async Task<IReadOnlyList<SourceFolder>> OpenAsync(CancellationToken cancellationToken)
        {
            Close();
            var opened = await Pop3Session.OpenAsync(endpoint, cancellationToken).ConfigureAwait(false);
            try
            {
                var keys = await ListAsync(opened, cancellationToken).ConfigureAwait(false);
                client = opened;
                var path = Pop3Options.FolderOf(endpoint);
                var role = path == "INBOX" ? FolderRole.Inbox : FolderRole.None;
                return new[] { new SourceFolder(path, role, keys.Count, () => Messages(opened, keys)) };
            }
            catch
            {
                Pop3Session.Quit(opened);
                throw;
            }
        }

        /// <summary>Ends the session with QUIT (no message was marked for deletion, so none goes).</summary>
        public void Dispose() => Close();

        private void Close()
        {
            if (client != null)
                Pop3Session.Quit(client);
            client = null;
        }

        private async Task<IReadOnlyList<string>> ListAsync(Pop3Client pop3, CancellationToken cancellationToken)
        {
            try
            {
                if (pop3.Count == 0)
                    return Array.Empty<string>();
                var uids = await UidsAsync(pop3, cancellationToken).ConfigureAwait(false);
                return Pop3Keys.Unique(uids ?? await FingerprintsAsync(pop3, cancellationToken).ConfigureAwait(false));
            }
            catch (Exception e) when (!(e is OperationCanceledException) && ConnectionFaults.IsBroken(e))
            {
                throw Pop3Failures.ConnectionLost(endpoint, "listing the messages", e);
            }
        }

        /// <summary>The UIDLs, or null if the server has no UIDL (it says so, or answers -ERR).</summary>
        private static async Task<IReadOnlyList<string>?> UidsAsync(Pop3Client pop3, CancellationToken cancellationToken)
        {
            try
            {
                return (await pop3.GetMessageUidsAsync(cancellationToken).ConfigureAwait(false)).ToList();
            }
            catch (Exception e) when (e is NotSupportedException || e is Pop3CommandException)
            {
                return null;
            }
        }

        private static async Task<IReadOnlyList<string>> FingerprintsAsync(Pop3Client pop3, CancellationToken cancellationToken)
        {
            var sizes = await pop3.GetMessageSizesAsync(cancellationToken).ConfigureAwait(false);
            var keys = new List<string>(sizes.Count);
            for (var i = 0; i < sizes.Count; i++)
                keys.Add(Pop3Keys.Fingerprint(await HeadersAsync(pop3, i, cancellationToken).ConfigureAwait(false), sizes[i]));
            return keys;
        }

        /// <summary>A message's header (TOP n 0; the whole message from a server without TOP), or none if it cannot be read.</summary>
        private static async Task<HeaderList> HeadersAsync(Pop3Client pop3, int index, CancellationToken cancellationToken)
        {
            var headersOnly = (pop3.Capabilities & Pop3Capabilities.Top) != 0;
            try
            {
                using var stream = await pop3.GetStreamAsync(index, headersOnly, cancellationToken).ConfigureAwait(false);
                return await HeaderList.LoadAsync(stream, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is Pop3CommandException || e is FormatException)
            {
                // Left unread now, it fails as an item when its turn comes; its key is then its size and place among equals.
                return new HeaderList();
            }
        }

        private IEnumerable<SourceMessage> Messages(Pop3Client pop3, IReadOnlyList<string> keys)
        {
            for (var i = 0; i < keys.Count; i++)
            {
                var index = i;
                yield return new SourceMessage(keys[i], Locator(index, keys[index]), null, flags, null,
                    (output, cancellationToken) => ReadAsync(pop3, index, output, cancellationToken));
            }
        }

        private static string Locator(int index, string key) =>
            key.StartsWith(Pop3Keys.FingerprintPrefix, StringComparison.Ordinal) ? $"message {index + 1}" : $"message {index + 1} (UIDL {key})";

        /// <summary>RETR: the bytes as the server sends them (MailKit only undoes the dot-stuffing), and the date they give.</summary>
        private async Task<MessageReading> ReadAsync(Pop3Client pop3, int index, Stream output, CancellationToken cancellationToken)
        {
            Stream message;
            try
            {
                message = await pop3.GetStreamAsync(index, false, cancellationToken).ConfigureAwait(false);
            }
            catch (Pop3CommandException e)
            {
                throw new UnreadableItemException($"The {endpoint.RoleName} server {endpoint.Server} refused to send message {index + 1}: -ERR {e.StatusText}", e);
            }
            catch (Exception e) when (!(e is OperationCanceledException) && ConnectionFaults.IsBroken(e))
            {
                throw Pop3Failures.ConnectionLost(endpoint, $"reading message {index + 1}", e);
            }

            using (message)
            {
                await message.CopyToAsync(output, 81920, cancellationToken).ConfigureAwait(false);
                message.Position = 0;
                return new MessageReading(Array.Empty<string>(), ReceivedDate.Of(await HeadersOfAsync(message, cancellationToken).ConfigureAwait(false)));
            }
        }

        private static async Task<IEnumerable<Header>> HeadersOfAsync(Stream message, CancellationToken cancellationToken)
        {
            try
            {
                return await HeaderList.LoadAsync(message, cancellationToken).ConfigureAwait(false);
            }
            catch (FormatException)
            {
                return Array.Empty<Header>();
            }
        }
    }
}
