using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using MimeKit.Tnef;

namespace Omm.Engine.Connectors.Files.Pst.Messaging
{
    /// <summary>
    /// PidTagRtfCompressed: decompression ([MS-OXRTFCP], done by MimeKit's RtfCompressedToRtf) and the
    /// de-encapsulation of HTML or plain text that Outlook wrapped in RTF ([MS-OXRTFEX]).
    /// </summary>
    internal static class RtfBody
    {
        /// <summary>The decompressed RTF, or null when the stream is not valid compressed RTF.</summary>
        public static byte[]? Decompress(byte[] compressed)
        {
            if (compressed.Length < 16)
                return null;
            var compressedSize = BitConverter.ToUInt32(compressed, 0);
            var rawSize = BitConverter.ToUInt32(compressed, 4);
            var type = BitConverter.ToUInt32(compressed, 8);
            if (type != 0x75465A4C && type != 0x414C454D)
                return null;
            // Each control byte and 8 two-byte references expand to at most 8 x 17 bytes: a larger RAWSIZE is damage.
            if (compressedSize > compressed.Length - 4 + 16L || rawSize > 9L * compressed.Length + 4096)
                return null;
            try
            {
                var filter = new RtfCompressedToRtf();
                var output = filter.Flush(compressed, 0, compressed.Length, out var index, out var length);
                if (length < 0 || index < 0 || index + length > output.Length)
                    return null;
                var result = new byte[length];
                Buffer.BlockCopy(output, index, result, 0, length);
                return result;
            }
            catch (Exception e) when (!(e is OutOfMemoryException))
            {
                return null;
            }
        }

        public static bool IsEncapsulatedHtml(byte[] rtf) => HeaderContains(rtf, "\\fromhtml1");

        public static bool IsEncapsulatedText(byte[] rtf) => HeaderContains(rtf, "\\fromtext");

        /// <summary>Extracts the HTML (or text) an encapsulating RTF carries ([MS-OXRTFEX] 2.1.3).</summary>
        public static string Extract(byte[] rtf)
        {
            var codePage = 1252;
            var output = new StringBuilder(rtf.Length);
            var pendingBytes = new List<byte>();
            // Group state: a stack of (suppressed by \htmlrtf, skipping a destination, inside \htmltag).
            var stack = new List<GroupState>();
            var state = new GroupState();
            var skipFallback = 0;
            var unicodeSkip = 1;
            var i = 0;

            void FlushBytes()
            {
                if (pendingBytes.Count == 0)
                    return;
                output.Append((Encodings.Get(codePage) ?? Encodings.Default).GetString(pendingBytes.ToArray()));
                pendingBytes.Clear();
            }

            bool Emitting() => !state.Skip && (state.InHtmlTag || !state.HtmlRtf);

            void EmitChar(char c)
            {
                if (skipFallback > 0)
                {
                    skipFallback--;
                    return;
                }

                if (!Emitting())
                    return;
                FlushBytes();
                output.Append(c);
            }

            while (i < rtf.Length)
            {
                var b = rtf[i];
                if (b == (byte)'{')
                {
                    FlushBytes();
                    stack.Add(state);
                    state = new GroupState { HtmlRtf = state.HtmlRtf, Skip = state.Skip, InHtmlTag = state.InHtmlTag };
                    i++;
                    continue;
                }

                if (b == (byte)'}')
                {
                    FlushBytes();
                    // \htmlrtf toggles made inside a group end with it: the outer state comes back.
                    if (stack.Count > 0)
                    {
                        state = stack[stack.Count - 1];
                        stack.RemoveAt(stack.Count - 1);
                    }

                    i++;
                    continue;
                }

                if (b == (byte)'\r' || b == (byte)'\n')
                {
                    i++;
                    continue;
                }

                if (b != (byte)'\\')
                {
                    if (skipFallback > 0)
                    {
                        skipFallback--;
                    }
                    else if (Emitting())
                    {
                        pendingBytes.Add(b);
                    }

                    state.AwaitingDestination = false;
                    i++;
                    continue;
                }

                // A control word or symbol.
                i++;
                if (i >= rtf.Length)
                    break;
                var c = rtf[i];
                if (!IsLetter(c))
                {
                    i++;
                    switch ((char)c)
                    {
                        case '\'':
                            if (i + 1 < rtf.Length && TryHex(rtf[i], rtf[i + 1], out var value))
                            {
                                i += 2;
                                if (skipFallback > 0)
                                    skipFallback--;
                                else if (Emitting())
                                    pendingBytes.Add(value);
                            }

                            break;
                        case '*':
                            state.AwaitingDestination = true;
                            continue;
                        case '~':
                            EmitChar('\u00A0');
                            break;
                        case '_':
                            EmitChar('-');
                            break;
                        case '-':
                            break;
                        case '\r':
                        case '\n':
                            EmitChar('\n');
                            break;
                        default:
                            EmitChar((char)c);
                            break;
                    }

                    state.AwaitingDestination = false;
                    continue;
                }

                var start = i;
                while (i < rtf.Length && IsLetter(rtf[i]) && i - start < 32)
                    i++;
                var word = Encoding.ASCII.GetString(rtf, start, i - start);
                int? parameter = null;
                var negative = false;
                if (i < rtf.Length && rtf[i] == (byte)'-')
                {
                    negative = true;
                    i++;
                }

                var digitsStart = i;
                while (i < rtf.Length && rtf[i] >= (byte)'0' && rtf[i] <= (byte)'9' && i - digitsStart < 10)
                    i++;
                if (i > digitsStart)
                {
                    long.TryParse(Encoding.ASCII.GetString(rtf, digitsStart, i - digitsStart), NumberStyles.None, CultureInfo.InvariantCulture, out var number);
                    number = Math.Min(number, int.MaxValue);
                    parameter = (int)(negative ? -number : number);
                }

                if (i < rtf.Length && rtf[i] == (byte)' ')
                    i++;

                if (state.AwaitingDestination)
                {
                    // {\*\word ...}: an optional destination, skipped unless it carries HTML.
                    state.AwaitingDestination = false;
                    if (word == "htmltag")
                    {
                        FlushBytes();
                        state.InHtmlTag = true;
                        state.Skip = false;
                    }
                    else
                    {
                        state.Skip = true;
                    }

                    continue;
                }

                switch (word)
                {
                    case "ansicpg":
                        if (parameter.HasValue && Encodings.Get(parameter.Value) != null)
                        {
                            FlushBytes();
                            codePage = parameter.Value;
                        }

                        break;
                    case "htmlrtf":
                        FlushBytes();
                        state.HtmlRtf = parameter != 0;
                        break;
                    case "par":
                    case "line":
                        EmitChar('\r');
                        EmitChar('\n');
                        break;
                    case "tab":
                        EmitChar('\t');
                        break;
                    case "uc":
                        unicodeSkip = Math.Max(0, Math.Min(parameter ?? 1, 8));
                        break;
                    case "u":
                        if (parameter.HasValue)
                        {
                            var code = parameter.Value < 0 ? parameter.Value + 65536 : parameter.Value;
                            EmitChar((char)(code & 0xFFFF));
                            skipFallback = unicodeSkip;
                        }

                        break;
                    case "fonttbl":
                    case "colortbl":
                    case "stylesheet":
                    case "info":
                    case "pict":
                    case "object":
                    case "header":
                    case "footer":
                        state.Skip = true;
                        break;
                    default:
                        break;
                }
            }

            FlushBytes();
            return output.ToString();
        }

        private static bool HeaderContains(byte[] rtf, string word)
        {
            var length = Math.Min(rtf.Length, 4096);
            var header = Encoding.ASCII.GetString(rtf, 0, length);
            var index = header.IndexOf(word, StringComparison.Ordinal);
            if (index < 0)
                return false;
            var end = index + word.Length;
            return end >= header.Length || !char.IsLetter(header[end]);
        }

        private static bool IsLetter(byte b) => (b >= (byte)'a' && b <= (byte)'z') || (b >= (byte)'A' && b <= (byte)'Z');

        private static bool TryHex(byte high, byte low, out byte value)
        {
            var h = HexValue(high);
            var l = HexValue(low);
            value = (byte)((h << 4) | l);
            return h >= 0 && l >= 0;
        }

        private static int HexValue(byte b)
        {
            if (b >= (byte)'0' && b <= (byte)'9')
                return b - '0';
            if (b >= (byte)'a' && b <= (byte)'f')
                return b - 'a' + 10;
            if (b >= (byte)'A' && b <= (byte)'F')
                return b - 'A' + 10;
            return -1;
        }

        private struct GroupState
        {
            public bool HtmlRtf;
            public bool Skip;
            public bool InHtmlTag;
            public bool AwaitingDestination;
        }
    }
}
