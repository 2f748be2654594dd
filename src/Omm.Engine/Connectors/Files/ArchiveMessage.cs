using System;
using System.Collections.Generic;
using System.IO;
using MailKit;

namespace Omm.Engine.Connectors.Files
{
    /// <summary>One message of an archive folder.</summary>
    public sealed class ArchiveMessage
    {
        private readonly Func<Stream, IReadOnlyList<string>> write;

        /// <param name="write">Writes the message; returns what of it could not be read and was left out (each becomes an item warning).</param>
        public ArchiveMessage(uint key, string locator, string? subject, MessageFlags flags, DateTimeOffset? internalDate, Func<Stream, IReadOnlyList<string>> write)
        {
            Key = key;
            Locator = locator;
            Subject = subject;
            Flags = flags;
            InternalDate = internalDate;
            this.write = write;
        }

        /// <summary>
        /// Identifies the message in its folder from one reading of the same file to the next; no other message
        /// of the folder has it in the same reading.
        /// </summary>
        public uint Key { get; }

        /// <summary>Where the message is in the file, for a person: "file 'a.eml'", "message 3 (offset 1,234)", "NID 0x200024".</summary>
        public string Locator { get; }

        public string? Subject { get; }

        public MessageFlags Flags { get; }

        /// <summary>When it was received (the IMAP INTERNALDATE to give the copy).</summary>
        public DateTimeOffset? InternalDate { get; }

        /// <summary>Writes the message as RFC 5322 bytes with CRLF line ends.</summary>
        /// <returns>Parts of the message that could not be read and were left out of what was written, each said in a sentence.</returns>
        /// <exception cref="ArchiveFormatException">The message cannot be read at all.</exception>
        public IReadOnlyList<string> WriteTo(Stream output) => write(output);

        /// <summary>A message that is known to be unreadable: writing it throws <see cref="ArchiveFormatException"/> with <paramref name="reason"/>.</summary>
        public static ArchiveMessage Unreadable(uint key, string locator, string? subject, string reason) =>
            new ArchiveMessage(key, locator, subject, MessageFlags.None, null, _ => throw new ArchiveFormatException(reason));
    }
}
