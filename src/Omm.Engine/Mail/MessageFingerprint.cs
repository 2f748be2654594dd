using System;
using System.Globalization;

namespace Omm.Engine.Mail
{
    /// <summary>
    /// What identifies a message when UIDs cannot: Message-ID, size and received date (to the second).
    /// A copy carries the source's date and bytes, so it has the source's fingerprint; mail delivered
    /// independently differs at least by its received date.
    /// </summary>
    public readonly struct MessageFingerprint : IEquatable<MessageFingerprint>
    {
        public MessageFingerprint(string? messageId, long size, DateTimeOffset? internalDate)
        {
            MessageId = string.IsNullOrEmpty(messageId) ? null : messageId;
            Size = size;
            InternalDateSeconds = internalDate?.ToUnixTimeSeconds();
        }

        public string? MessageId { get; }

        public long Size { get; }

        public long? InternalDateSeconds { get; }

        /// <summary>The same fingerprint without the received date, for a server that changed its messages' dates.</summary>
        public MessageFingerprint WithoutDate() => new MessageFingerprint(MessageId, Size, null);

        /// <summary>
        /// Whether a destination message with fingerprint <paramref name="copy"/> may be this message's copy: the same
        /// fingerprint, or, for a message that gave no date (a POP3 message or a file whose headers hold none that
        /// parses), the same Message-ID and size, since the destination dated such a copy itself when it arrived.
        /// </summary>
        public bool MayBeCopy(MessageFingerprint copy) =>
            InternalDateSeconds == null ? WithoutDate().Equals(copy.WithoutDate()) : Equals(copy);

        public bool Equals(MessageFingerprint other) =>
            string.Equals(MessageId, other.MessageId, StringComparison.Ordinal) && Size == other.Size && InternalDateSeconds == other.InternalDateSeconds;

        public override bool Equals(object? obj) => obj is MessageFingerprint other && Equals(other);

        public override int GetHashCode()
        {
            unchecked
            {
                return ((MessageId?.GetHashCode() ?? 0) * 397) ^ Size.GetHashCode() ^ (InternalDateSeconds ?? 0).GetHashCode();
            }
        }

        public override string ToString() =>
            string.Format(CultureInfo.InvariantCulture, "<{0}> {1} bytes @{2}", MessageId, Size, InternalDateSeconds);
    }
}
