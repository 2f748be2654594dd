using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace Omm.Engine.Mail
{
    /// <summary>The content hash of each item (same order), null where it cannot be read.</summary>
    internal delegate Task<IReadOnlyList<byte[]?>> ContentReader<T>(IReadOnlyList<T> items);

    /// <summary>
    /// Pairs items of two sides one to one by fingerprint (two identical messages pair with two copies, not
    /// one). Different messages can share a fingerprint (the same Message-ID, size and second, a resent
    /// message say, or no Message-ID at all): where a fingerprint is not unique on both sides, items are
    /// paired by content only, so that two such messages are never taken for one another.
    /// </summary>
    internal static class FingerprintMatcher
    {
        /// <param name="leftContent">Reads the content of left items; null when it cannot (then items pair in order).</param>
        /// <param name="alwaysCompareContent">Compare content even where a fingerprint is unique on both sides.</param>
        /// <param name="pairUnreadable">Pair an item whose content cannot be read in order with what is left, as without content.</param>
        public static async Task<IReadOnlyList<(TLeft Left, TRight Right)>> MatchAsync<TLeft, TRight>(
            IReadOnlyList<TLeft> left, Func<TLeft, MessageFingerprint> leftFingerprint, ContentReader<TLeft>? leftContent,
            IReadOnlyList<TRight> right, Func<TRight, MessageFingerprint> rightFingerprint, ContentReader<TRight>? rightContent,
            bool alwaysCompareContent, bool pairUnreadable)
        {
            var rightGroups = right.GroupBy(rightFingerprint).ToDictionary(g => g.Key, g => g.ToList());
            var leftGroups = left.GroupBy(leftFingerprint).Where(g => rightGroups.ContainsKey(g.Key)).ToList();
            var pairs = new List<(TLeft, TRight)>();
            var ambiguous = new List<(List<TLeft> Left, List<TRight> Right)>();
            foreach (var group in leftGroups)
            {
                var candidates = rightGroups[group.Key];
                var items = group.ToList();
                if (!alwaysCompareContent && items.Count == 1 && candidates.Count == 1)
                    pairs.Add((items[0], candidates[0]));
                else
                    ambiguous.Add((items, candidates));
            }

            if (ambiguous.Count == 0)
                return pairs;

            var leftHashes = await ReadAsync(ambiguous.SelectMany(a => a.Left).ToList(), leftContent).ConfigureAwait(false);
            var rightHashes = await ReadAsync(ambiguous.SelectMany(a => a.Right).ToList(), rightContent).ConfigureAwait(false);
            int leftAt = 0, rightAt = 0;
            foreach (var (items, candidates) in ambiguous)
            {
                pairs.AddRange(PairByContent(items, Slice(leftHashes, ref leftAt, items.Count), candidates, Slice(rightHashes, ref rightAt, candidates.Count),
                    pairUnreadable));
            }

            return pairs;
        }

        private static IEnumerable<(TLeft, TRight)> PairByContent<TLeft, TRight>(List<TLeft> left, byte[]?[] leftHashes, List<TRight> right, byte[]?[] rightHashes,
            bool pairUnreadable)
        {
            var taken = new bool[right.Count];
            var unpaired = new List<int>();
            for (var i = 0; i < left.Count; i++)
            {
                var match = leftHashes[i] == null ? -1 : FindEqual(leftHashes[i]!, rightHashes, taken);
                if (match < 0)
                {
                    unpaired.Add(i);
                    continue;
                }

                taken[match] = true;
                yield return (left[i], right[match]);
            }

            if (!pairUnreadable)
                yield break;
            foreach (var i in unpaired)
            {
                var next = 0;
                while (next < right.Count && (taken[next] || (leftHashes[i] != null && rightHashes[next] != null)))
                    next++;
                if (next == right.Count)
                    continue;
                taken[next] = true;
                yield return (left[i], right[next]);
            }
        }

        private static int FindEqual(byte[] hash, byte[]?[] candidates, bool[] taken)
        {
            for (var j = 0; j < candidates.Length; j++)
            {
                if (!taken[j] && candidates[j] != null && candidates[j]!.AsSpan().SequenceEqual(hash))
                    return j;
            }

            return -1;
        }

        private static async Task<byte[]?[]> ReadAsync<T>(IReadOnlyList<T> items, ContentReader<T>? reader)
        {
            if (reader == null)
                return new byte[]?[items.Count];
            var hashes = await reader(items).ConfigureAwait(false);
            return hashes.ToArray();
        }

        private static byte[]?[] Slice(byte[]?[] all, ref int at, int count)
        {
            var part = new byte[]?[count];
            Array.Copy(all, at, part, 0, count);
            at += count;
            return part;
        }
    }
}
