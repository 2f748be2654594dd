using System;
using System.Collections.Generic;

namespace Omm.Engine.Connectors
{
    /// <summary>What <see cref="ICollectionDestination.WriteItemAsync"/> did with one item.</summary>
    internal sealed class CollectionWrite
    {
        private CollectionWrite(CollectionWriteOutcome outcome, string key, string? version, int attempts, string? reason,
            IReadOnlyList<string>? warnings = null, bool copiedWhole = false)
        {
            CopiedWhole = copiedWhole;
            Warnings = warnings ?? Array.Empty<string>();
            Outcome = outcome;
            Key = key;
            Version = version;
            Attempts = attempts;
            Reason = reason;
        }

        /// <param name="version">The new version; null when the destination gives none.</param>
        /// <param name="warnings">What the destination could not keep of the item, one sentence each (item warnings).</param>
        public static CollectionWrite Written(CollectionWriteOutcome outcome, string key, string? version, int attempts, IReadOnlyList<string>? warnings = null) =>
            new CollectionWrite(outcome, key, version, attempts, null, warnings);

        /// <summary>Written as the source's own item, copied whole (see <see cref="CopiedWhole"/>).</summary>
        public static CollectionWrite WrittenWhole(CollectionWriteOutcome outcome, string key, string? version) =>
            new CollectionWrite(outcome, key, version, 1, null, null, true);

        /// <summary>Not written because of what is there: <see cref="CollectionWriteOutcome.AlreadyThere"/> or <see cref="CollectionWriteOutcome.ChangedThere"/>.</summary>
        public static CollectionWrite NotWritten(CollectionWriteOutcome outcome, string key, int attempts) =>
            new CollectionWrite(outcome, key, null, attempts, null);

        /// <param name="reason">The destination's own words, in a sentence: recorded with the item error.</param>
        public static CollectionWrite Failed(CollectionWriteOutcome outcome, string key, string reason) =>
            new CollectionWrite(outcome, key, null, 1, reason);

        public CollectionWriteOutcome Outcome { get; }

        /// <summary>
        /// The destination copied the source's own item (its native handle), not the vCard/iCalendar text: what reading
        /// the source as text left out is not lost.
        /// </summary>
        public bool CopiedWhole { get; }

        /// <summary>What the destination could not keep of a written item (a property it has no field for), one sentence each.</summary>
        public IReadOnlyList<string> Warnings { get; }

        public string Key { get; }

        /// <summary>The item's version after <see cref="CollectionWriteOutcome.Created"/> or <see cref="CollectionWriteOutcome.Updated"/>; else null.</summary>
        public string? Version { get; }

        /// <summary>
        /// How many times the write was sent: more than 1 when a connection broke, so that an earlier attempt may have
        /// been stored already (an <see cref="CollectionWriteOutcome.AlreadyThere"/> or
        /// <see cref="CollectionWriteOutcome.ChangedThere"/> may then be about that attempt's own copy).
        /// </summary>
        public int Attempts { get; }

        /// <summary>Why the item is not stored, for the three failing outcomes; null otherwise.</summary>
        public string? Reason { get; }

        /// <summary>The item is not stored and will not be this pass: refused, or kept failing.</summary>
        public bool IsFailure => Reason != null;
    }
}
