using System;
using System.Collections.Generic;
using System.IO;
using MailKit;
using Omm.Engine.Mail;

namespace Omm.Engine.Connectors
{
    /// <summary>A message to store as it is: its raw RFC 5322 bytes, the flags and keywords it keeps, and the date it was received.</summary>
    public sealed class MessageToAppend
    {
        public MessageToAppend(Stream raw, MessageFlags flags, IReadOnlyCollection<string> keywords, DateTimeOffset? receivedDate,
            MessageFingerprint? fingerprint = null, object? native = null)
        {
            Native = native;
            Fingerprint = fingerprint;
            Raw = raw;
            Flags = flags;
            Keywords = keywords;
            ReceivedDate = receivedDate;
        }

        /// <summary>Positioned at the start; read, not disposed, by the destination.</summary>
        public Stream Raw { get; }

        public MessageFlags Flags { get; }

        public IReadOnlyCollection<string> Keywords { get; }

        public DateTimeOffset? ReceivedDate { get; }

        /// <summary>
        /// What identifies the source message (recorded with the copy); a destination that cannot store the bytes as they are
        /// keeps it with the copy to recognise it later. Null when the caller has none: the destination works it out.
        /// </summary>
        public MessageFingerprint? Fingerprint { get; }

        /// <summary>
        /// What the source gave besides the bytes for a destination of its own kind to copy from with more fidelity
        /// (<see cref="SourceMessage.Native"/>); a destination that does not know it stores the bytes.
        /// </summary>
        public object? Native { get; }
    }
}
