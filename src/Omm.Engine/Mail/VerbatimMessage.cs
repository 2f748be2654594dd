using System;
using System.Collections.Concurrent;
using System.IO;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using MimeKit;

namespace Omm.Engine.Mail
{
    /// <summary>
    /// Turns the raw bytes of a source message into the <see cref="MimeMessage"/> MailKit appends, so that
    /// the bytes on the wire are the source bytes. MailKit only appends MimeMessage objects, and
    /// re-serialising a parsed message is not byte-exact for malformed MIME, so the message is built as
    /// one header carrying the whole raw header block and a body that copies the rest verbatim.
    /// </summary>
    internal static class VerbatimMessage
    {
        private const int MaxHeaderBlock = 4 * 1024 * 1024;

        /// <summary>The options to append with; the bytes are checked against exactly these.</summary>
        public static FormatOptions AppendFormat { get; } = CreateAppendFormat();

        /// <summary>
        /// Builds the message to append. <paramref name="exact"/> tells whether it writes exactly the source
        /// bytes; when it cannot (the first line does not end in CRLF: MimeKit always writes a CRLF
        /// after the headers, and turns bare line feeds in them into CRLF), the message is parsed and re-serialised by MimeKit, and <paramref name="exact"/> says
        /// whether that happens to give the same bytes.
        /// </summary>
        /// <param name="source">The raw message; seekable, and kept open while the result is used.</param>
        public static MimeMessage Create(Stream source, out bool exact)
        {
            if (!source.CanSeek)
                throw new ArgumentException("The message source must be seekable.", nameof(source));

            var verbatim = TryCreateVerbatim(source);
            if (verbatim != null)
            {
                exact = true;
                return verbatim;
            }

            source.Position = 0;
            var expected = Hash(source);
            source.Position = 0;
            var parsed = MimeMessage.Load(source, persistent: true);
            using (var hash = new HashingStream())
            {
                parsed.WriteTo(AppendFormat, hash);
                exact = hash.Matches(expected);
            }

            return parsed;
        }

        /// <summary>
        /// Cut after the header block or, where MimeKit does not write that back exactly (bare line feeds in
        /// it: MimeKit turns them into CRLF), after the first line.
        /// </summary>
        private static MimeMessage? TryCreateVerbatim(Stream source)
        {
            source.Position = 0;
            var (headerBlock, firstLine) = ReadHeaderBlock(source);
            return TryCreateVerbatim(source, headerBlock) ?? (firstLine != null && firstLine.Length != headerBlock?.Length ? TryCreateVerbatim(source, firstLine) : null);
        }

        private static MimeMessage? TryCreateVerbatim(Stream source, byte[]? headerBlock)
        {
            if (headerBlock == null)
                return null;
            if (headerBlock.Length == 0)
                return Verbatim(source, headerBlock, null);
            return Verbatim(source, headerBlock, FieldHeader(headerBlock)) ?? Verbatim(source, headerBlock, OpaqueHeader(headerBlock));
        }

        /// <summary>
        /// The message as <paramref name="header"/> (standing for <paramref name="headerBlock"/>), the CRLF
        /// MimeKit writes after the headers, and the source bytes after that CRLF; null if MimeKit does not
        /// write the header block back exactly.
        /// </summary>
        private static MimeMessage? Verbatim(Stream source, byte[] headerBlock, Header? header)
        {
            if (header == null && headerBlock.Length > 0)
                return null;
            var message = Rent();
            if (header != null)
                message.Headers.Add(header);
            message.Body = new VerbatimBody(source, headerBlock.Length + 2);

            using (var written = new MemoryStream(headerBlock.Length + 2))
            {
                message.WriteTo(AppendFormat, written, headersOnly: true);
                if (!EndsWithBlankLine(written, headerBlock))
                {
                    Return(message);
                    return null;
                }
            }

            return message;
        }

        // A new MimeMessage sets Date and Message-Id headers (a host-name lookup) only for us to clear them:
        // a measurable part of a migration's CPU, so emptied messages are kept for the next ones.
        private const int MaxSpareMessages = 256;
        private static readonly ConcurrentBag<MimeMessage> SpareMessages = new ConcurrentBag<MimeMessage>();

        private static MimeMessage Rent()
        {
            if (!SpareMessages.TryTake(out var message))
                message = new MimeMessage();
            // Spare messages were emptied when returned; each Clear costs MimeKit two dozen delegates.
            if (message.Headers.Count > 0)
                message.Headers.Clear();
            return message;
        }

        /// <summary>Takes back a message built by <see cref="Create"/> once it was appended (or refused); others are left alone.</summary>
        public static void Return(MimeMessage message)
        {
            if (!(message.Body is VerbatimBody) && message.Body != null)
                return;
            message.Body = null;
            message.Headers.Clear();
            if (SpareMessages.Count < MaxSpareMessages)
                SpareMessages.Add(message);
        }

        /// <summary>
        /// The whole header block as one header: the first field name, then everything after its colon as
        /// the raw value. MimeKit writes a raw value back untouched.
        /// </summary>
        private static Header? FieldHeader(byte[] headerBlock)
        {
            var colon = Array.IndexOf(headerBlock, (byte)':');
            if (colon <= 0 || !IsFieldName(headerBlock, colon))
                return null;

            var rawValue = new byte[headerBlock.Length - colon - 1];
            Buffer.BlockCopy(headerBlock, colon + 1, rawValue, 0, rawValue.Length);
            try
            {
                var header = new Header(Encoding.ASCII.GetString(headerBlock, 0, colon), string.Empty);
                header.SetRawValue(rawValue);
                return header;
            }
            catch (ArgumentException)
            {
                return null;
            }
        }

        /// <summary>
        /// A header block that does not start with a field (an mbox "From " line, say) as one header that
        /// MimeKit treats as unparsable and writes out as it is. Public MimeKit API cannot build such a
        /// header, hence its internal constructor; without it, the message falls back to re-serialisation.
        /// </summary>
        private static Header? OpaqueHeader(byte[] headerBlock)
        {
            if (OpaqueHeaderConstructor == null)
                return null;
            try
            {
                return (Header)OpaqueHeaderConstructor.Invoke(new object[] { ParserOptions.Default, headerBlock, Array.Empty<byte>(), true });
            }
            catch (TargetInvocationException)
            {
                return null;
            }
        }

        private static readonly ConstructorInfo? OpaqueHeaderConstructor = typeof(Header).GetConstructor(
            BindingFlags.Instance | BindingFlags.NonPublic, null,
            new[] { typeof(ParserOptions), typeof(byte[]), typeof(byte[]), typeof(bool) }, null);

        /// <summary>
        /// The bytes before the first empty line, including the CRLF that ends the last header line (empty
        /// when the message starts with an empty line, null when it has none), and the bytes before the first
        /// CRLF: a message may be cut at any CRLF, since all that matters is that MimeKit writes one there.
        /// Only the first <see cref="MaxHeaderBlock"/> bytes are looked at.
        /// </summary>
        private static (byte[]? HeaderBlock, byte[]? FirstLine) ReadHeaderBlock(Stream source)
        {
            var buffer = new MemoryStream();
            byte[]? firstLine = null;
            int previous3 = -1, previous2 = -1, previous1 = -1, current;
            while ((current = source.ReadByte()) >= 0)
            {
                buffer.WriteByte((byte)current);
                if (previous1 == '\r' && current == '\n')
                {
                    if (buffer.Length == 2)
                        return (new byte[0], new byte[0]);
                    if (previous3 == '\r' && previous2 == '\n')
                    {
                        var block = buffer.ToArray();
                        Array.Resize(ref block, block.Length - 2);
                        return (block, firstLine);
                    }

                    if (firstLine == null)
                    {
                        firstLine = new byte[buffer.Length - 2];
                        Array.Copy(buffer.GetBuffer(), firstLine, firstLine.Length);
                    }
                }

                if (buffer.Length > MaxHeaderBlock)
                    break;
                previous3 = previous2;
                previous2 = previous1;
                previous1 = current;
            }

            return (null, firstLine);
        }

        private static bool IsFieldName(byte[] bytes, int length)
        {
            for (var i = 0; i < length; i++)
            {
                if (bytes[i] < 33 || bytes[i] > 126)
                    return false;
            }

            return true;
        }

        private static bool EndsWithBlankLine(MemoryStream written, byte[] headerBlock)
        {
            if (written.Length != headerBlock.Length + 2)
                return false;
            var bytes = written.GetBuffer();
            for (var i = 0; i < headerBlock.Length; i++)
            {
                if (bytes[i] != headerBlock[i])
                    return false;
            }

            return bytes[headerBlock.Length] == '\r' && bytes[headerBlock.Length + 1] == '\n';
        }

        private static byte[] Hash(Stream stream)
        {
            using var sha = SHA256.Create();
            return sha.ComputeHash(stream);
        }

        private static FormatOptions CreateAppendFormat()
        {
            var options = FormatOptions.Default.Clone();
            options.NewLineFormat = NewLineFormat.Dos;
            return options;
        }
    }
}
