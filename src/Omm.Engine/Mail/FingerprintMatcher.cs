using System;
using System.Collections.Generic;
using System.Linq;

namespace Omm.Engine.Mail
{
    /// <summary>Pairs items of two sides one to one by fingerprint (two identical messages pair with two copies, not one).</summary>
    public static class FingerprintMatcher
    {
        public static IReadOnlyList<(TLeft Left, TRight Right)> Match<TLeft, TRight>(
            IEnumerable<TLeft> left, Func<TLeft, MessageFingerprint> leftFingerprint,
            IEnumerable<TRight> right, Func<TRight, MessageFingerprint> rightFingerprint)
        {
            var waiting = right
                .GroupBy(rightFingerprint)
                .ToDictionary(g => g.Key, g => new Queue<TRight>(g));
            var pairs = new List<(TLeft, TRight)>();
            foreach (var item in left)
            {
                if (waiting.TryGetValue(leftFingerprint(item), out var candidates) && candidates.Count > 0)
                    pairs.Add((item, candidates.Dequeue()));
            }

            return pairs;
        }
    }
}
