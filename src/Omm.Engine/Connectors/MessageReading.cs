using System;
using System.Collections.Generic;

namespace Omm.Engine.Connectors
{
    /// <summary>What reading one message's bytes told besides the bytes.</summary>
    public sealed class MessageReading
    {
        public MessageReading(IReadOnlyList<string> leftOut, DateTimeOffset? internalDate)
        {
            LeftOut = leftOut;
            InternalDate = internalDate;
        }

        /// <summary>Parts of the message that could not be read and were left out, each said in a sentence (item warnings).</summary>
        public IReadOnlyList<string> LeftOut { get; }

        /// <summary>The date to give the copy (IMAP INTERNALDATE); null lets the destination date it.</summary>
        public DateTimeOffset? InternalDate { get; }
    }
}
