using System;
using System.Collections.Generic;
using System.IO;
using MailKit;
using Omm.Engine.Mail;

namespace Omm.Engine.Migrations
{
    /// <summary>A message read from the source and waiting to be appended: its raw bytes (spooled), flags, date and identity.</summary>
    internal sealed class PendingCopy
    {
        public PendingCopy(Stream raw, MessageFlags flags, IReadOnlyCollection<string> keywords, DateTimeOffset? internalDate,
            MessageFingerprint fingerprint, string itemName, string sourceKey, object? native = null)
        {
            Native = native;
            Raw = raw;
            Flags = flags;
            Keywords = keywords;
            InternalDate = internalDate;
            Fingerprint = fingerprint;
            ItemName = itemName;
            SourceKey = sourceKey;
        }

        public Stream Raw { get; }

        public MessageFlags Flags { get; }

        public IReadOnlyCollection<string> Keywords { get; }

        public DateTimeOffset? InternalDate { get; }

        public MessageFingerprint Fingerprint { get; }

        public string ItemName { get; }

        /// <summary>The message's key in its source folder (see <see cref="Omm.Engine.State.MigratedItem.SourceKey"/>).</summary>
        public string SourceKey { get; }

        /// <summary>See <see cref="Omm.Engine.Connectors.SourceMessage.Native"/>.</summary>
        public object? Native { get; }
    }
}
