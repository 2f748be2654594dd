using System;
using System.Globalization;
using MailKit;
using MimeKit;

namespace Omm.Engine.Connectors.Files
{
    /// <summary>
    /// Flags that mail clients write into stored messages (mbox Status/X-Status, Thunderbird's
    /// X-Mozilla-Status). Mail with none of them counts as read: it comes from an archive.
    /// </summary>
    internal static class MailboxStatus
    {
        public static MessageFlags FlagsOf(HeaderList headers)
        {
            var mozilla = headers["X-Mozilla-Status"];
            if (mozilla != null && int.TryParse(mozilla.Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var bits))
            {
                var flags = MessageFlags.None;
                if ((bits & 0x0001) != 0) flags |= MessageFlags.Seen;
                if ((bits & 0x0002) != 0) flags |= MessageFlags.Answered;
                if ((bits & 0x0004) != 0) flags |= MessageFlags.Flagged;
                if ((bits & 0x0008) != 0) flags |= MessageFlags.Deleted;
                return flags;
            }

            var status = headers["Status"];
            var extended = headers["X-Status"];
            if (status == null && extended == null)
                return MessageFlags.Seen;

            var result = MessageFlags.None;
            if (status != null && status.IndexOf('R') >= 0) result |= MessageFlags.Seen;
            if (extended != null && extended.IndexOf('A') >= 0) result |= MessageFlags.Answered;
            if (extended != null && extended.IndexOf('F') >= 0) result |= MessageFlags.Flagged;
            if (extended != null && extended.IndexOf('D') >= 0) result |= MessageFlags.Deleted;
            if (extended != null && extended.IndexOf('T') >= 0) result |= MessageFlags.Draft;
            return result;
        }

        public static DateTimeOffset? DateOf(HeaderList headers) =>
            headers["Date"] is string date && MimeKit.Utils.DateUtils.TryParse(date, out var parsed) ? parsed : (DateTimeOffset?)null;
    }
}
