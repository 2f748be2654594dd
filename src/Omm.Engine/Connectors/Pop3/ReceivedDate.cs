using System;
using System.Collections.Generic;
using MimeKit;
using MimeKit.Utils;

namespace Omm.Engine.Connectors.Pop3
{
    /// <summary>
    /// The date a POP3 message was received, which POP3 does not say (it has no INTERNALDATE): the date of its
    /// newest Received: header, else its Date: header, else none.
    /// </summary>
    internal static class ReceivedDate
    {
        /// <returns>The date, or null to let the destination date the copy.</returns>
        public static DateTimeOffset? Of(IEnumerable<Header> headers)
        {
            DateTimeOffset? sent = null;
            // Each hop adds its Received: line on top, so the first one that parses is the delivery into the mailbox.
            foreach (var header in headers)
            {
                if (header.Id == HeaderId.Received && ReceivedAt(header) is DateTimeOffset received)
                    return received;
                if (header.Id == HeaderId.Date && sent == null && TryParse(header.Value, out var date))
                    sent = date;
            }

            return sent;
        }

        /// <summary>The date after the last ';' (RFC 5321 section 4.4), or null if the line has none that parses.</summary>
        private static DateTimeOffset? ReceivedAt(Header header)
        {
            var value = header.Value;
            var semicolon = value.LastIndexOf(';');
            return semicolon >= 0 && TryParse(value.Substring(semicolon + 1), out var date) ? date : (DateTimeOffset?)null;
        }

        private static bool TryParse(string text, out DateTimeOffset date) => DateUtils.TryParse(text.Trim(), out date);
    }
}
