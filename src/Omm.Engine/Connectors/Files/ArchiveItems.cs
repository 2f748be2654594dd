using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading.Tasks;
using MailKit;
using Omm.Engine.Folders;

namespace Omm.Engine.Connectors.Files
{
    /// <summary>
    /// An archive's folders and messages as a mail source gives them: a message's key is its key in the file in decimal,
    /// damage to one message is an <see cref="UnreadableItemException"/>, and a folder whose list breaks off an
    /// <see cref="UnreadableFolderException"/>.
    /// </summary>
    internal static class ArchiveItems
    {
        /// <param name="messages">Reads the messages one after another; may throw <see cref="ArchiveFormatException"/> part way.</param>
        public static SourceFolder Folder(string path, FolderRole role, int count, Func<IEnumerable<SourceMessage>> messages,
            IReadOnlyList<string>? pathNotes = null, IReadOnlyList<ArchiveProblem>? problems = null) =>
            new SourceFolder(path, role, count, () => Listed(messages), pathNotes, problems);

        /// <param name="key">Identifies the message in its folder from one reading of the same file to the next; no other message of the folder has it.</param>
        /// <param name="write">Writes the message (RFC 5322, CRLF); returns the parts left out as unreadable, each said in a sentence.</param>
        public static SourceMessage Message(uint key, string locator, string? subject, MessageFlags flags, DateTimeOffset? internalDate,
            Func<Stream, IReadOnlyList<string>> write) =>
            new SourceMessage(key.ToString(CultureInfo.InvariantCulture), locator, subject, flags, internalDate,
                (output, _) => Task.FromResult(Read(write, output, internalDate)));

        /// <summary>A message known to be unreadable: reading it is an item error with <paramref name="reason"/>.</summary>
        public static SourceMessage Unreadable(uint key, string locator, string? subject, string reason) =>
            Message(key, locator, subject, MessageFlags.None, null, _ => throw new ArchiveFormatException(reason));

        private static MessageReading Read(Func<Stream, IReadOnlyList<string>> write, Stream output, DateTimeOffset? internalDate)
        {
            try
            {
                return new MessageReading(write(output), internalDate);
            }
            catch (Exception e) when (e is ArchiveFormatException || e is FormatException || e is IOException || e is UnauthorizedAccessException
                                      || e is InvalidOperationException)
            {
                throw new UnreadableItemException($"The message cannot be read from the file: {e.Message}", e);
            }
        }

        private static IEnumerable<SourceMessage> Listed(Func<IEnumerable<SourceMessage>> messages)
        {
            using var listed = messages().GetEnumerator();
            while (true)
            {
                try
                {
                    if (!listed.MoveNext())
                        yield break;
                }
                catch (ArchiveFormatException e)
                {
                    throw new UnreadableFolderException(e.Message, e);
                }

                yield return listed.Current;
            }
        }
    }
}
