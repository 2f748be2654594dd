using System;
using System.Collections.Generic;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MimeKit;

namespace Omm.Engine.Connectors.Pop3
{
    /// <summary>
    /// The keys of a POP3 mailbox's messages: their UIDLs, or, from a server without UIDL, a fingerprint of each.
    /// </summary>
    /// <remarks>
    /// A UIDL is 1 to 70 characters from 0x21 to 0x7E (RFC 1939 section 7): it never holds a space. Every key made
    /// here holds one ("fp 3fa1...", "UIDL #2"), so a made key can never equal a server's UIDL, and a mailbox whose
    /// server gains UIDL later is copied again rather than mixed up.
    /// </remarks>
    internal static class Pop3Keys
    {
        public const string FingerprintPrefix = "fp ";

        /// <summary>
        /// A key from what is known of a message before reading it: its Message-ID, Date, From and Subject headers
        /// (from TOP n 0) and its size (from LIST). Headers a server adds or changes when the message is read
        /// (Status:, X-UIDL:) are left out, so the key is the same in every session.
        /// </summary>
        public static string Fingerprint(HeaderList headers, long size)
        {
            var text = new StringBuilder();
            foreach (var id in new[] { HeaderId.MessageId, HeaderId.Date, HeaderId.From, HeaderId.Subject })
                text.Append(headers[id]?.Trim() ?? string.Empty).Append('\n');
            text.Append(size.ToString(CultureInfo.InvariantCulture));
            using var sha = SHA256.Create();
            var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(text.ToString()));
            return FingerprintPrefix + BitConverter.ToString(hash, 0, 16).Replace("-", string.Empty).ToLowerInvariant();
        }

        /// <summary>
        /// Makes keys unique in a session: the second message with a key gets "key #2", the third "key #3", in
        /// mailbox order.
        /// </summary>
        /// <remarks>
        /// Equal fingerprints (or a UIDL a server lets occur twice, as Dovecot's pop3_uidl_duplicates=allow does) are
        /// in practice copies of one message: same Message-ID, Date, sender, subject and size. POP3 lists messages
        /// in the order they arrived, so the ordinal among equals is the same from one session to the next while the
        /// mailbox only grows. Should one of the copies be deleted meanwhile, the keys of the later ones shift onto
        /// messages that look the same, so the worst case is one copy fewer or one more of a duplicate, never a
        /// different message skipped.
        /// </remarks>
        public static IReadOnlyList<string> Unique(IReadOnlyList<string> keys)
        {
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            var unique = new string[keys.Count];
            for (var i = 0; i < keys.Count; i++)
            {
                seen.TryGetValue(keys[i], out var before);
                seen[keys[i]] = before + 1;
                unique[i] = before == 0 ? keys[i] : keys[i] + " #" + (before + 1).ToString(CultureInfo.InvariantCulture);
            }

            return unique;
        }
    }
}
