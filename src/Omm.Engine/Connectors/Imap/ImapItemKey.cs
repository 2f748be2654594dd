using System.Collections.Generic;
using System.Globalization;

namespace Omm.Engine.Connectors.Imap
{
    /// <summary>
    /// An IMAP message's key in the state, "UIDVALIDITY:UID"; a source folder's cursor, "UIDVALIDITY:HIGHESTMODSEQ"; a destination
    /// folder's, "UIDVALIDITY:FIRSTUID" (the UIDNEXT when the migration first opened it: messages below were there before).
    /// </summary>
    internal static class ImapItemKey
    {
        public static string Of(uint uidValidity, uint uid) =>
            uidValidity.ToString(CultureInfo.InvariantCulture) + ":" + uid.ToString(CultureInfo.InvariantCulture);

        /// <summary>The UID of a key made under <paramref name="uidValidity"/>; null for a key made under another one (or not by IMAP).</summary>
        public static uint? UidAt(string? key, uint uidValidity)
        {
            if (key == null)
                return null;
            var colon = key.IndexOf(':');
            return colon > 0
                   && uint.TryParse(key.Substring(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var validity)
                   && validity == uidValidity
                   && uint.TryParse(key.Substring(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var uid)
                ? uid
                : (uint?)null;
        }

        /// <summary>A folder's cursor: its UIDVALIDITY and a number (a source's HIGHESTMODSEQ with CONDSTORE, a destination's FIRSTUID).</summary>
        public static string Cursor(uint uidValidity, ulong? highestModSeq) =>
            uidValidity.ToString(CultureInfo.InvariantCulture) + (highestModSeq is ulong modSeq ? ":" + modSeq.ToString(CultureInfo.InvariantCulture) : string.Empty);

        /// <summary>The UIDs of the keys made under <paramref name="uidValidity"/>.</summary>
        public static IEnumerable<uint> UidsAt(IEnumerable<string> keys, uint uidValidity)
        {
            foreach (var key in keys)
            {
                if (UidAt(key, uidValidity) is uint uid)
                    yield return uid;
            }
        }

        /// <summary>The number a cursor saved under <paramref name="uidValidity"/> holds (HIGHESTMODSEQ, FIRSTUID); null for none or another UIDVALIDITY.</summary>
        public static ulong? CursorValueAt(string? cursor, uint uidValidity)
        {
            if (cursor == null)
                return null;
            var colon = cursor.IndexOf(':');
            return colon > 0
                   && uint.TryParse(cursor.Substring(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var validity)
                   && validity == uidValidity
                   && ulong.TryParse(cursor.Substring(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var modSeq)
                ? modSeq
                : (ulong?)null;
        }
    }
}
