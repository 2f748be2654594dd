using System.Collections.Generic;

namespace Omm.Engine.Groupware
{
    /// <summary>How writing one item to the destination went: where it is and what to warn about, or why it is not there.</summary>
    internal sealed class ItemWrite
    {
        private ItemWrite(string key, string? version, int bytes, IReadOnlyList<string> warnings, string? error, bool copiedWhole = false)
        {
            CopiedWhole = copiedWhole;
            Key = key;
            Version = version;
            Bytes = bytes;
            Warnings = warnings;
            Error = error;
        }

        public static ItemWrite Stored(string key, string? version, int bytes, IReadOnlyList<string> warnings, bool copiedWhole = false) =>
            new ItemWrite(key, version, bytes, warnings, null, copiedWhole);

        public static ItemWrite Failed(string error) => new ItemWrite(string.Empty, null, 0, new string[0], error);

        /// <summary>The copy's key in its destination collection; empty when it is not there.</summary>
        public string Key { get; }

        /// <summary>The copy's version, for a later update only if it is still that; null when the destination gave none.</summary>
        public string? Version { get; }

        /// <summary>UTF-8 bytes of what was stored.</summary>
        public int Bytes { get; }

        public IReadOnlyList<string> Warnings { get; }

        /// <summary>The destination copied the source's own item whole: what reading it as text left out does not concern the copy.</summary>
        public bool CopiedWhole { get; }

        /// <summary>Why the item is not on the destination (an item error); null when it is.</summary>
        public string? Error { get; }
    }
}
