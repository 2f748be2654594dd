using System;
using System.Collections.Generic;
using System.IO;
using MailKit;

namespace Omm.Engine.Connectors
{
    /// <summary>A message to store as it is: its raw RFC 5322 bytes, the flags and keywords it keeps, and the date it was received.</summary>
    public sealed class MessageToAppend
    {
        public MessageToAppend(Stream raw, MessageFlags flags, IReadOnlyCollection<string> keywords, DateTimeOffset? receivedDate)
        {
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
    }
}
