using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MailKit;
using MimeKit;
using MimeKit.Utils;
using Omm.Engine.Mail;
using Omm.Engine.State;

namespace Omm.Engine.Connectors.Imap
{
    /// <summary>Finds recorded copies in a destination folder by fingerprint when their UIDs cannot be trusted.</summary>
    internal static class CopyLocator
    {
        /// <summary>
        /// Matches <paramref name="items"/> one to one with messages of the open <paramref name="folder"/>
        /// whose UIDs no other record claims, and records their current identity. Where several share a
        /// fingerprint, they are told apart by content if <paramref name="itemContent"/> can read that of the
        /// items (their source messages), else paired in order.
        /// </summary>
        /// <returns>The new destination UID of each item found (by row id), and the items not found.</returns>
        public static async Task<(IReadOnlyDictionary<long, uint> Found, IReadOnlyList<MigratedItem> Lost)> RelocateAsync(
            StateStore store, string migrationId, IMailFolder folder, IReadOnlyList<MigratedItem> items, ContentReader<MigratedItem>? itemContent,
            CancellationToken cancellationToken)
        {
            if (items.Count == 0)
                return (new Dictionary<long, uint>(), items);

            var validity = folder.UidValidity;
            var claimed = new HashSet<uint>(ImapItemKey.UidsAt(store.GetDestinationKeys(migrationId, folder.FullName), validity));
            var all = await folder.FetchAsync(0, -1, MessageIdentity.Request, cancellationToken).ConfigureAwait(false);
            var candidates = all.Where(s => !claimed.Contains(s.UniqueId.Id)).ToList();
            var pairs = await FingerprintMatcher.MatchAsync(items, i => i.Fingerprint, itemContent,
                candidates, MessageIdentity.Fingerprint, itemContent == null ? null : copies => ContentOfAsync(folder, copies, cancellationToken),
                alwaysCompareContent: false, pairUnreadable: true).ConfigureAwait(false);
            foreach (var (item, copy) in pairs)
                store.UpdateDestinationIdentity(item.RowId, ImapItemKey.Of(validity, copy.UniqueId.Id));
            var found = pairs.ToDictionary(p => p.Left.RowId, p => p.Right.UniqueId.Id);
            return (found, items.Where(i => !found.ContainsKey(i.RowId)).ToList());
        }

        /// <summary>The content hash of messages of the open <paramref name="folder"/>, in the order given.</summary>
        public static async Task<IReadOnlyList<byte[]?>> ContentOfAsync(IMailFolder folder, IReadOnlyList<IMessageSummary> messages, CancellationToken cancellationToken)
        {
            var hashes = await MessageContent.HashAsync(folder, messages.Select(m => m.UniqueId.Id), cancellationToken).ConfigureAwait(false);
            return messages.Select(m => hashes.TryGetValue(m.UniqueId.Id, out var hash) ? hash : null).ToList();
        }
    }
}
