using System;
using System.Collections.Generic;

namespace Omm.Engine.Contacts
{
    /// <summary>How vCard properties hold their values, where the versions agree.</summary>
    internal static class VCardValueKinds
    {
        /// <summary>Values that are not TEXT (URIs, dates, offsets, identifiers): never escaped or unescaped.</summary>
        private static readonly HashSet<string> Raw = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "VERSION", "UID", "URL", "BDAY", "ANNIVERSARY", "DEATHDATE", "BIRTHPLACE-URI", "REV", "TZ", "GEO", "FBURL", "CALURI", "CALADRURI", "CAPURI",
            "SOURCE", "MEMBER", "IMPP", "RELATED", "LANG", "KIND", "PHOTO", "LOGO", "SOUND", "KEY", "X-ADDRESSBOOKSERVER-MEMBER",
        };

        /// <summary>TEXT values whose parts (or, for N, each part) are comma-separated lists.</summary>
        private static readonly HashSet<string> Lists = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "N", "NICKNAME", "CATEGORIES",
        };

        /// <summary>vCard 2.1 bare parameters that are an ENCODING, not a TYPE.</summary>
        public static readonly HashSet<string> EncodingWords = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT",
        };

        /// <summary>vCard 2.1 bare parameters that are a VALUE, not a TYPE.</summary>
        public static readonly HashSet<string> ValueWords = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "INLINE", "URL", "CONTENT-ID", "CID",
        };

        public static bool IsRaw(string name) => Raw.Contains(name);

        public static bool IsList(string name) => Lists.Contains(name);
    }
}
