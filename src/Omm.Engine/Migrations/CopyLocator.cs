using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Omm.Engine.Connectors;
using Omm.Engine.Mail;
using Omm.Engine.State;

namespace Omm.Engine.Migrations
{
    /// <summary>Finds recorded copies in a destination folder by fingerprint when their keys cannot be trusted.</summary>
    internal static class CopyLocator
    {
        /// <summary>
        /// Matches <paramref name="items"/> one to one with messages of the open <paramref name="folder"/>
        /// whose keys no other record claims, and records their current keys. Where several share a
        /// fingerprint, they are told apart by content if <paramref name="itemContent"/> can read that of the
        /// items (their source messages), else paired in order.
        /// </summary>
        /// <returns>The new key of each item found (by row id), and the items not found.</returns>
        public static async Task<(IReadOnlyDictionary<long, string> Found, IReadOnlyList<MigratedItem> Lost)> RelocateAsync(
            StateStore store, string migrationId, IMailDestinationFolder folder, IReadOnlyList<MigratedItem> items, ContentReader<MigratedItem>? itemContent,
            CancellationToken cancellationToken)
        {
            if (items.Count == 0)
                return (new Dictionary<long, string>(), items);

            var claimed = new HashSet<string>(store.GetDestinationKeys(migrationId, folder.Path).Where(folder.Holds), StringComparer.Ordinal);
            var candidates = await folder.ListCopiesAsync(null, claimed, cancellationToken).ConfigureAwait(false);
            var pairs = await FingerprintMatcher.MatchAsync(items, i => i.Fingerprint, itemContent,
                candidates, c => c.Fingerprint, itemContent == null ? null : copies => ContentOfAsync(folder, copies, cancellationToken),
                alwaysCompareContent: false, pairUnreadable: true).ConfigureAwait(false);
            var found = pairs.ToDictionary(p => p.Left.RowId, p => p.Right.Key);

            // A message that gave no date was appended with none: the destination dated the copy itself.
            var undated = items.Where(i => i.Fingerprint.InternalDateSeconds == null && !found.ContainsKey(i.RowId)).ToList();
            if (undated.Count > 0)
            {
                var taken = new HashSet<string>(found.Values, StringComparer.Ordinal);
                var more = await FingerprintMatcher.MatchAsync(undated, i => i.Fingerprint, itemContent,
                    candidates.Where(c => !taken.Contains(c.Key)).ToList(), c => c.Fingerprint.WithoutDate(),
                    itemContent == null ? null : copies => ContentOfAsync(folder, copies, cancellationToken),
                    alwaysCompareContent: itemContent != null, pairUnreadable: itemContent == null).ConfigureAwait(false);
                foreach (var (item, copy) in more)
                    found[item.RowId] = copy.Key;
            }

            foreach (var pair in found)
                store.UpdateDestinationIdentity(pair.Key, pair.Value);
            return (found, items.Where(i => !found.ContainsKey(i.RowId)).ToList());
        }

        private static async Task<IReadOnlyList<byte[]?>> ContentOfAsync(IMailDestinationFolder folder, IReadOnlyList<DestinationCopy> copies,
            CancellationToken cancellationToken)
        {
            var hashes = await folder.HashContentAsync(copies.Select(c => c.Key).ToList(), cancellationToken).ConfigureAwait(false);
            return copies.Select(c => hashes.TryGetValue(c.Key, out var hash) ? hash : null).ToList();
        }
    }
}
