using System;
using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;

namespace Omm.Engine.Connectors.Files
{
    /// <summary>
    /// Splits an mbox file into the raw bytes of its messages. A line starting with "From " separates
    /// messages only when it looks like a postmark ("From -", or a sender and a date with a time, as
    /// RFC 4155 has it) and the next line looks like a header: writers that leave body lines such as
    /// "From Russia with love" unescaped (mboxo) would otherwise have their messages cut in two. The
    /// separator line and the empty line before it are not part of a message; everything else is kept
    /// byte for byte, except runs of NUL bytes: no message holds them (RFC 5322 forbids them, IMAP cannot
    /// carry them), they are what a crash or a damaged disk leaves in a mailbox file. They are left out, each
    /// named in <see cref="MboxEntry.LeftOut"/>, and a postmark right after one still starts a message.
    /// </summary>
    internal sealed class MboxReader
    {
        private static readonly byte[] Marker = { (byte)'F', (byte)'r', (byte)'o', (byte)'m', (byte)' ' };

        /// <summary>A first line longer than this is not a postmark (they are well under 100 bytes).</summary>
        private const int MaxFirstLine = 1000;

        private static readonly Regex PostmarkDate = new Regex(@"\b\d{1,2}:\d{2}\b", RegexOptions.CultureInvariant);

        private readonly Stream stream;
        private readonly string name;
        private long position;
        private int pushedBack = -1;

        public MboxReader(Stream stream, string name)
        {
            this.stream = new BufferedStream(stream, 65536);
            this.name = name;
        }

        /// <summary>Whether bytes start with "From ", as an mbox postmark line does.</summary>
        public static bool IsPostmarkStart(byte[] bytes, int offset, int count)
        {
            if (count < Marker.Length)
                return false;
            for (var i = 0; i < Marker.Length; i++)
            {
                if (bytes[offset + i] != Marker[i])
                    return false;
            }

            return true;
        }

        /// <exception cref="ArchiveFormatException">The file does not start with a "From " line.</exception>
        public IEnumerable<MboxEntry> Messages()
        {
            var next = ReadLine(MaxFirstLine);
            if (next != null && next.Bytes.Length >= 3 && next.Bytes[0] == 0xEF && next.Bytes[1] == 0xBB && next.Bytes[2] == 0xBF)
                next = new Line(Slice(next.Bytes, 3), next.Offset + 3, next.Nuls, next.Complete);
            if (next == null)
                yield break;
            if (!IsMarker(next.Bytes) || !next.Complete)
                throw new ArchiveFormatException($"'{name}' is not an mbox file: it does not start with a \"From \" line{(next.Nuls.Count > 0 ? " (it holds NUL bytes)" : "")}.");

            MemoryStream? current = null;
            var currentOffset = 0L;
            var ordinal = 0;
            var leftOut = new List<string>();
            byte[]? pendingBlank = null;
            var first = true;
            while (next != null)
            {
                var line = next;
                next = ReadLine(int.MaxValue);
                foreach (var (offset, count) in line.Nuls)
                    leftOut.Add($"{count:N0} NUL bytes at offset {offset:N0} of the file (damage: no message holds them) were left out.");
                if (first || IsMarker(line.Bytes) && (next == null || HeaderLine.IsField(next.Bytes, 0, next.Bytes.Length)) && LooksLikePostmark(line.Bytes))
                {
                    // The first line of the file is its first postmark, whatever follows it.
                    if (current != null)
                        yield return new MboxEntry(ordinal, currentOffset, current.ToArray(), TakeAll(leftOut));
                    current = new MemoryStream();
                    currentOffset = line.Offset;
                    ordinal++;
                    pendingBlank = null;
                    first = false;
                    continue;
                }

                if (pendingBlank != null)
                {
                    current!.Write(pendingBlank, 0, pendingBlank.Length);
                    pendingBlank = null;
                }

                if (IsBlank(line.Bytes))
                    pendingBlank = line.Bytes;
                else
                    current!.Write(line.Bytes, 0, line.Bytes.Length);
            }

            if (current != null)
                yield return new MboxEntry(ordinal, currentOffset, current.ToArray(), TakeAll(leftOut));
        }

        private static IReadOnlyList<string> TakeAll(List<string> notes)
        {
            if (notes.Count == 0)
                return Array.Empty<string>();
            var taken = notes.ToArray();
            notes.Clear();
            return taken;
        }

        /// <summary>
        /// A line with its line end (or, before a run of NUL bytes, the bytes up to it), or null at the end of the
        /// file. NUL bytes are not kept: a run of them, which may be the whole line, is skipped and noted.
        /// </summary>
        private Line? ReadLine(int limit)
        {
            var line = new MemoryStream();
            var start = position;
            List<(long Offset, long Count)>? nuls = null;
            while (line.Length < limit)
            {
                var b = ReadByte();
                if (b < 0)
                    break;
                if (b == 0)
                {
                    var at = position - 1;
                    var run = 1L;
                    while ((b = ReadByte()) == 0)
                        run++;
                    (nuls ??= new List<(long, long)>()).Add((at, run));
                    if (b < 0)
                        break;
                    PushBack(b);
                    if (line.Length > 0)
                        return new Line(line.ToArray(), start, nuls, complete: true); // what follows the run starts a line, so that a postmark there is seen
                    start = position;
                    continue;
                }

                line.WriteByte((byte)b);
                if (b == '\n')
                    return new Line(line.ToArray(), start, nuls, complete: true);
            }

            if (line.Length == 0 && nuls == null)
                return null;
            return new Line(line.ToArray(), start, nuls, complete: line.Length < limit);
        }

        private int ReadByte()
        {
            int b;
            if (pushedBack >= 0)
            {
                b = pushedBack;
                pushedBack = -1;
            }
            else
            {
                b = stream.ReadByte();
            }

            if (b >= 0)
                position++;
            return b;
        }

        private void PushBack(int b)
        {
            pushedBack = b;
            position--;
        }

        private static bool IsMarker(byte[] line) => IsPostmarkStart(line, 0, line.Length);

        private static bool LooksLikePostmark(byte[] line)
        {
            var text = System.Text.Encoding.ASCII.GetString(line, Marker.Length, line.Length - Marker.Length).Trim();
            return text.StartsWith("-", StringComparison.Ordinal) || PostmarkDate.IsMatch(text);
        }

        private static bool IsBlank(byte[] line) =>
            line.Length == 1 && line[0] == '\n' || line.Length == 2 && line[0] == '\r' && line[1] == '\n';

        private static byte[] Slice(byte[] bytes, int start)
        {
            var slice = new byte[bytes.Length - start];
            Buffer.BlockCopy(bytes, start, slice, 0, slice.Length);
            return slice;
        }

        /// <summary>A line of the file: its bytes (NUL bytes left out), where it starts, the runs of NUL bytes left out of it, and whether it ended (not cut at a limit).</summary>
        private sealed class Line
        {
            private static readonly IReadOnlyList<(long Offset, long Count)> NoNuls = Array.Empty<(long, long)>();

            public Line(byte[] bytes, long offset, IReadOnlyList<(long Offset, long Count)>? nuls, bool complete)
            {
                Bytes = bytes;
                Offset = offset;
                Nuls = nuls ?? NoNuls;
                Complete = complete;
            }

            public byte[] Bytes { get; }

            public long Offset { get; }

            public IReadOnlyList<(long Offset, long Count)> Nuls { get; }

            public bool Complete { get; }
        }
    }
}
