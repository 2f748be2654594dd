using System;
using System.IO;
using MailKit;

namespace Omm.Engine.Archives
{
    /// <summary>One message of an archive folder.</summary>
    public sealed class ArchiveMessage
    {
        private readonly Action<Stream> write;

        public ArchiveMessage(uint key, string? subject, MessageFlags flags, DateTimeOffset? internalDate, Action<Stream> write)
        {
            Key = key;
            Subject = subject;
            Flags = flags;
            InternalDate = internalDate;
            this.write = write;
        }

        /// <summary>Identifies the message in its folder from one reading of the same file to the next.</summary>
        public uint Key { get; }

        public string? Subject { get; }

        public MessageFlags Flags { get; }

        /// <summary>When it was received (the IMAP INTERNALDATE to give the copy).</summary>
        public DateTimeOffset? InternalDate { get; }

        /// <summary>Writes the message as RFC 5322 bytes with CRLF line ends.</summary>
        public void WriteTo(Stream output) => write(output);
    }
}
