using System.Collections.Generic;

namespace Omm.Engine.Groupware
{
    /// <summary>How writing one item to the destination went: where it is and what to warn about, or why it is not there.</summary>
    internal sealed class ItemWrite
    {
        private ItemWrite(string href, string? eTag, int bytes, IReadOnlyList<string> warnings, string? error)
        {
            Href = href;
            ETag = eTag;
            Bytes = bytes;
            Warnings = warnings;
            Error = error;
        }

        public static ItemWrite Stored(string href, string? eTag, int bytes, IReadOnlyList<string> warnings) => new ItemWrite(href, eTag, bytes, warnings, null);

        public static ItemWrite Failed(string error) => new ItemWrite(string.Empty, null, 0, new string[0], error);

        /// <summary>Where the copy is; empty when it is not there.</summary>
        public string Href { get; }

        /// <summary>The copy's entity tag, for a later If-Match; null when the server gave none.</summary>
        public string? ETag { get; }

        /// <summary>UTF-8 bytes of what was stored.</summary>
        public int Bytes { get; }

        public IReadOnlyList<string> Warnings { get; }

        /// <summary>Why the item is not on the destination (an item error); null when it is.</summary>
        public string? Error { get; }
    }
}
