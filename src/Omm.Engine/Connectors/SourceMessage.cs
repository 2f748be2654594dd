using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using MailKit;

namespace Omm.Engine.Connectors
{
    /// <summary>One message of a <see cref="SourceFolder"/>, known by its key before its bytes are read.</summary>
    public sealed class SourceMessage
    {
        private readonly Func<Stream, CancellationToken, Task<MessageReading>> read;

        /// <param name="read">Writes the message to the stream and says what of it was left out and the date to give the copy.</param>
        public SourceMessage(string key, string locator, string? subject, MessageFlags flags, DateTimeOffset? internalDate,
            Func<Stream, CancellationToken, Task<MessageReading>> read, IReadOnlyCollection<string>? keywords = null, object? native = null)
        {
            Native = native;
            Keywords = keywords ?? Array.Empty<string>();
            Key = key;
            Locator = locator;
            Subject = subject;
            Flags = flags;
            InternalDate = internalDate;
            this.read = read;
        }

        /// <summary>
        /// Identifies the message in its folder from one session to the next (a POP3 UIDL, a key in a file); no other
        /// message of the folder has it in the same session. Opaque: the pass only compares it.
        /// </summary>
        public string Key { get; }

        /// <summary>Where the message is, for a person: "file 'a.eml'", "message 3 (offset 1,234)", "UIDL 0000a1b2".</summary>
        public string Locator { get; }

        public string? Subject { get; }

        /// <summary>The flags to give the copy.</summary>
        public MessageFlags Flags { get; }

        /// <summary>The keywords (user-defined flags: $Forwarded, $Label1...) to give the copy.</summary>
        public IReadOnlyCollection<string> Keywords { get; }

        /// <summary>When it was received, if known before reading it; <see cref="MessageReading.InternalDate"/> has the last word.</summary>
        public DateTimeOffset? InternalDate { get; }

        /// <summary>
        /// What a destination of the same kind can copy the message from with more fidelity than its bytes (an Exchange
        /// item exported whole); opaque to the pass, which hands it to the destination with the bytes. Null for most sources.
        /// </summary>
        public object? Native { get; }

        /// <summary>Writes the message as RFC 5322 bytes with CRLF line ends.</summary>
        /// <exception cref="UnreadableItemException">This message cannot be read (the others can).</exception>
        /// <exception cref="Omm.Engine.Migrations.MigrationFailedException">The source as a whole cannot go on (a broken connection: retried).</exception>
        public Task<MessageReading> ReadAsync(Stream output, CancellationToken cancellationToken) => read(output, cancellationToken);
    }
}
