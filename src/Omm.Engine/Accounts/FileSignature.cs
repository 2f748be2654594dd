using System;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Omm.Engine.Accounts
{
    /// <summary>What a file is by its first bytes (a workbook, text, or something else such as an image), and how its text decodes.</summary>
    internal static class FileSignature
    {
        private static readonly (byte[] Magic, string What)[] Others =
        {
            (new byte[] { 0x89, 0x50, 0x4E, 0x47 }, "a PNG image"),
            (new byte[] { 0xFF, 0xD8, 0xFF }, "a JPEG image"),
            (Encoding.ASCII.GetBytes("GIF8"), "a GIF image"),
            (Encoding.ASCII.GetBytes("%PDF-"), "a PDF document"),
            (new byte[] { 0x1F, 0x8B }, "a gzip archive"),
            (Encoding.ASCII.GetBytes("Rar!"), "a RAR archive"),
            (new byte[] { 0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C }, "a 7-Zip archive"),
            (Encoding.ASCII.GetBytes("!BDN"), "an Outlook data file (PST), which Import-OmmFile imports"),
            (Encoding.ASCII.GetBytes("SQLite format 3"), "an SQLite database (an Omm state file?)"),
        };

        private static readonly byte[] Zip = { 0x50, 0x4B, 0x03, 0x04 };
        private static readonly byte[] EmptyZip = { 0x50, 0x4B, 0x05, 0x06 };
        private static readonly byte[] Compound = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };
        private static readonly byte[] Utf8Bom = { 0xEF, 0xBB, 0xBF };
        private static readonly byte[] Utf16LeBom = { 0xFF, 0xFE };
        private static readonly byte[] Utf16BeBom = { 0xFE, 0xFF };

        /// <summary>What <paramref name="head"/>, a file's first bytes, says it is; <see cref="FileKind.Other"/> comes with what it is, for messages.</summary>
        public static (FileKind Kind, string? What) Of(byte[] head)
        {
            if (StartsWith(head, Zip) || StartsWith(head, EmptyZip))
                return (FileKind.ZipPackage, null);
            if (StartsWith(head, Compound))
                return (FileKind.OfficeCompoundFile, null);
            if (StartsWith(head, Utf8Bom) || StartsWith(head, Utf16LeBom) || StartsWith(head, Utf16BeBom))
                return (FileKind.Text, null);
            foreach (var (magic, what) in Others)
            {
                if (StartsWith(head, magic))
                    return (FileKind.Other, what);
            }

            var nul = Array.IndexOf(head, (byte)0);
            if (nul >= 0)
                return (FileKind.Other, $"binary data, not text (a NUL byte at offset {nul})");
            return (FileKind.Text, null);
        }

        /// <summary>
        /// A text file's content: UTF-8 or UTF-16 by its byte order mark; UTF-8 without one; else the ANSI code page
        /// (Excel's "CSV (comma delimited)" on Windows), so that accented names and passwords arrive as typed.
        /// </summary>
        public static string DecodeText(byte[] bytes)
        {
            if (StartsWith(bytes, Utf8Bom))
                return Encoding.UTF8.GetString(bytes, Utf8Bom.Length, bytes.Length - Utf8Bom.Length);
            if (StartsWith(bytes, Utf16LeBom))
                return Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2);
            if (StartsWith(bytes, Utf16BeBom))
                return Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2);
            try
            {
                return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
            }
            catch (DecoderFallbackException)
            {
                AccountFileReader.EnsureCodePages();
                var ansi = CultureInfo.CurrentCulture.TextInfo.ANSICodePage;
                return Encoding.GetEncoding(ansi <= 0 || ansi == 65001 ? 1252 : ansi).GetString(bytes);
            }
        }

        private static bool StartsWith(byte[] bytes, byte[] prefix) =>
            bytes.Length >= prefix.Length && prefix.Select((b, i) => bytes[i] == b).All(same => same);
    }
}
