using System;
using System.Collections.Generic;
using System.IO;

namespace Omm.Engine.Archives
{
    /// <summary>
    /// Splits an mbox file into the raw bytes of its messages. A line starting with "From " separates
    /// messages only when it looks like a postmark ("From -", or a sender and a date with a time, as
    /// RFC 4155 has it) and the next line looks like a header: writers that leave body lines such as
    /// "From Russia with love" unescaped (mboxo) would otherwise have their messages cut in two. The
    /// separator line and the empty line before it are not part of a message; everything else is kept
    /// byte for byte.
    /// </summary>
    internal sealed class MboxReader
    {
        private static readonly byte[] Marker = { (byte)'F', (byte)'r', (byte)'o', (byte)'m', (byte)' ' };
        private readonly Stream stream;
        private readonly string name;

        public MboxReader(Stream stream, string name)
        {
            this.stream = new BufferedStream(stream, 65536);
            this.name = name;
        }

        /// <exception cref="ArchiveFormatException">The file does not start with a "From " line.</exception>
        public IEnumerable<byte[]> Messages()
        {
            var next = ReadLine();
            if (next != null && next.Length >= 3 && next[0] == 0xEF && next[1] == 0xBB && next[2] == 0xBF)
                next = Slice(next, 3);
            if (next == null)
                yield break;
            if (!IsMarker(next))
                throw new ArchiveFormatException($"'{name}' is not an mbox file: it does not start with a \"From \" line.");

            MemoryStream? current = null;
            byte[]? pendingBlank = null;
            while (next != null)
            {
                var line = next;
                next = ReadLine();
                if (IsMarker(line) && (next == null || LooksLikeHeader(next)) && LooksLikePostmark(line))
                {
                    if (current != null)
                        yield return current.ToArray();
                    current = new MemoryStream();
                    pendingBlank = null;
                    continue;
                }

                if (pendingBlank != null)
                {
                    current!.Write(pendingBlank, 0, pendingBlank.Length);
                    pendingBlank = null;
                }

                if (IsBlank(line))
                    pendingBlank = line;
                else
                    current!.Write(line, 0, line.Length);
            }

            if (current != null)
                yield return current.ToArray();
        }

        /// <summary>A line with its line end, or null at the end of the file.</summary>
        private byte[]? ReadLine()
        {
            var line = new MemoryStream();
            int b;
            while ((b = stream.ReadByte()) >= 0)
            {
                line.WriteByte((byte)b);
                if (b == '\n')
                    break;
            }

            return line.Length == 0 ? null : line.ToArray();
        }

        private static bool IsMarker(byte[] line)
        {
            if (line.Length < Marker.Length)
                return false;
            for (var i = 0; i < Marker.Length; i++)
            {
                if (line[i] != Marker[i])
                    return false;
            }

            return true;
        }

        private static readonly System.Text.RegularExpressions.Regex PostmarkDate =
            new System.Text.RegularExpressions.Regex(@"\b\d{1,2}:\d{2}\b", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

        private static bool LooksLikePostmark(byte[] line)
        {
            var text = System.Text.Encoding.ASCII.GetString(line, Marker.Length, line.Length - Marker.Length).Trim();
            return text.StartsWith("-", StringComparison.Ordinal) || PostmarkDate.IsMatch(text);
        }

        private static bool IsBlank(byte[] line) =>
            line.Length == 1 && line[0] == '\n' || line.Length == 2 && line[0] == '\r' && line[1] == '\n';

        /// <summary>A header field name (printable ASCII without colon) directly followed by a colon.</summary>
        private static bool LooksLikeHeader(byte[] line)
        {
            for (var i = 0; i < line.Length && i < 100; i++)
            {
                var b = line[i];
                if (b == ':')
                    return i > 0;
                if (b < 33 || b > 126)
                    return false;
            }

            return false;
        }

        private static byte[] Slice(byte[] bytes, int start)
        {
            var slice = new byte[bytes.Length - start];
            Buffer.BlockCopy(bytes, start, slice, 0, slice.Length);
            return slice;
        }
    }
}
