using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Omm.Engine.ContentLines;

namespace Omm.Engine.Contacts
{
    /// <summary>
    /// A vCard property with its value decoded by the rules of its card's version, so that the same
    /// information reads the same from a 2.1, 3.0 or 4.0 card: quoted-printable and CHARSET undone, base64 and
    /// data: URIs turned into bytes, TEXT unescaped and split into its ';' parts (and, for N, NICKNAME and
    /// CATEGORIES, each part into its ',' list), line breaks as "\n".
    /// </summary>
    public sealed class VCardProperty
    {
        private VCardProperty(ContentLine line, List<string> types, string raw, byte[]? data, string? dataMediaType, string version)
        {
            Line = line;
            Name = line.Name.ToUpperInvariant();
            Data = data;
            DataMediaType = dataMediaType;
            Types = types.Distinct().ToList();
            Components = Data != null ? new List<IReadOnlyList<string>>() : DecodeText(line, version, raw);
            Value = string.Join(";", Components.Select(items => string.Join(",", items)));
        }

        /// <summary>
        /// The property decoded; null when its value cannot be decoded (base64 that is not base64), the reason
        /// then added to <paramref name="problems"/>. A value decoded another way than it says (an unknown
        /// CHARSET, a stray '=' in quoted-printable) is kept and said in <paramref name="problems"/> too.
        /// </summary>
        internal static VCardProperty? Read(ContentLine line, string version, ICollection<ContentLineProblem> problems)
        {
            var types = TypeValues(line, version).Select(t => t.ToUpperInvariant()).ToList();
            if (version == "4.0" && line.Parameter("PREF")?.Trim() == "1")
                types.Add("PREF");

            var raw = line.IsQuotedPrintable ? DecodeQuotedPrintable(line, problems) : line.Value;
            byte[]? data = null;
            string? mediaType = null;
            if (line.IsBase64)
            {
                data = Base64Value.Decode(line.Value);
                if (data == null)
                {
                    problems.Add(new ContentLineProblem(line.LineNumber, line.Name, "the value is not valid base64", true, line.LastLineNumber));
                    return null;
                }
            }
            else if (raw.StartsWith("data:", StringComparison.OrdinalIgnoreCase) && raw.IndexOf(";base64,", StringComparison.OrdinalIgnoreCase) > 0)
            {
                var comma = raw.IndexOf(',');
                mediaType = raw.Substring(5, raw.IndexOf(";base64,", StringComparison.OrdinalIgnoreCase) - 5);
                var slash = mediaType.IndexOf('/');
                if (slash >= 0 && slash < mediaType.Length - 1)
                    types.Add(mediaType.Substring(slash + 1).ToUpperInvariant());
                data = Base64Value.Decode(raw.Substring(comma + 1));
                if (data == null)
                {
                    problems.Add(new ContentLineProblem(line.LineNumber, line.Name, "the data: URI does not hold valid base64", true, line.LastLineNumber));
                    return null;
                }
            }

            return new VCardProperty(line, types, raw, data, mediaType, version);
        }

        public ContentLine Line { get; }

        public string? Group => Line.Group;

        /// <summary>Upper case.</summary>
        public string Name { get; }

        /// <summary>
        /// Upper case, each once: TYPE values (comma lists and repeated TYPE parameters alike), vCard 2.1 bare
        /// types, PREF for a 4.0 PREF=1, and the media subtype of a data: URI ("JPEG").
        /// </summary>
        public IReadOnlyList<string> Types { get; }

        /// <summary>The ';' parts of a non-binary value, each a list (one item unless the property is a list).</summary>
        public IReadOnlyList<IReadOnlyList<string>> Components { get; }

        /// <summary>The decoded value: parts joined with ';', list items with ','.</summary>
        public string Value { get; }

        /// <summary>The bytes of inline binary (ENCODING=b / BASE64, or a base64 data: URI); null otherwise.</summary>
        public byte[]? Data { get; }

        /// <summary>The media type of a data: URI ("image/jpeg"), or null.</summary>
        public string? DataMediaType { get; }

        public bool Is(string name) => string.Equals(Name, name, StringComparison.OrdinalIgnoreCase);

        public override string ToString() => Data != null ? $"{Name} ({Data.Length} bytes)" : $"{Name}:{Value}";

        /// <summary>The TYPE values as written (case kept): TYPE parameters split at commas, and 2.1 bare parameters that are not an ENCODING or VALUE.</summary>
        internal static List<string> TypeValues(ContentLine line, string version)
        {
            var types = new List<string>();
            foreach (var parameter in line.Parameters)
            {
                if (parameter.Is("TYPE"))
                    types.AddRange(parameter.Values.SelectMany(v => v.Split(',')).Select(v => v.Trim()).Where(v => v.Length > 0));
                else if (parameter.IsBare && version == "2.1")
                    types.AddRange(parameter.Values.Select(v => v.Trim()).Where(v => v.Length > 0 && !VCardValueKinds.EncodingWords.Contains(v) && !VCardValueKinds.ValueWords.Contains(v)));
            }

            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            return types.Where(seen.Add).ToList();
        }

        /// <summary>Whether the value is kept as it is (a URI, date, identifier) rather than read as TEXT.</summary>
        internal static bool IsRawValue(ContentLine line)
        {
            var valueType = line.Parameter("VALUE")?.Trim();
            if (valueType != null && valueType.Length > 0 && !string.Equals(valueType, "text", StringComparison.OrdinalIgnoreCase))
                return true;
            return VCardValueKinds.IsRaw(line.Name) || line.Parameters.Any(p => p.IsBare && p.Values.Any(v => VCardValueKinds.ValueWords.Contains(v.Trim()) && !string.Equals(v.Trim(), "INLINE", StringComparison.OrdinalIgnoreCase)));
        }

        private static List<IReadOnlyList<string>> DecodeText(ContentLine line, string version, string raw)
        {
            var components = new List<IReadOnlyList<string>>();
            if (IsRawValue(line))
            {
                if (line.Is("GEO"))
                {
                    var geo = raw.StartsWith("geo:", StringComparison.OrdinalIgnoreCase) ? raw.Substring(4).Split(';')[0] : raw;
                    foreach (var part in geo.Split(geo.IndexOf(';') >= 0 ? ';' : ','))
                        components.Add(new[] { part.Trim() });
                }
                else if (line.Is("TEL") && raw.StartsWith("tel:", StringComparison.OrdinalIgnoreCase))
                {
                    components.Add(new[] { raw.Substring(4) });
                }
                else
                {
                    components.Add(new[] { NormalizeLineBreaks(raw) });
                }

                return components;
            }

            var isList = VCardValueKinds.IsList(line.Name);
            foreach (var part in ContentLineText.Split(raw, ';'))
            {
                var items = isList ? ContentLineText.Split(part, ',') : new[] { part };
                components.Add(items.Select(item => NormalizeLineBreaks(Unescape(item, version))).ToList());
            }

            return components;
        }

        /// <summary>vCard 2.1 escapes only the semicolon (§2.1.3); 3.0 and 4.0 use TEXT escaping.</summary>
        internal static string Unescape(string text, string version) =>
            version == "2.1" ? text.Replace("\\;", ";") : ContentLineText.Unescape(text);

        private static string NormalizeLineBreaks(string text) => text.Replace("\r\n", "\n").Replace('\r', '\n');

        private static string DecodeQuotedPrintable(ContentLine line, ICollection<ContentLineProblem> problems)
        {
            var bytes = QuotedPrintable.Decode(line.Value, out var badSequence);
            if (badSequence != null)
                problems.Add(new ContentLineProblem(line.LineNumber, line.Name, $"\"{badSequence}\" is not a quoted-printable escape; it was kept as written", false, line.LastLineNumber));

            var name = line.Parameter("CHARSET");
            var charset = TextDecoding.ForCharset(name);
            if (charset == null || charset.CodePage == Encoding.UTF8.CodePage || charset.CodePage == 20127)
            {
                var isUtf8 = TextDecoding.TryDecodeUtf8(bytes, out var text);
                if (charset == null && !string.IsNullOrWhiteSpace(name))
                    problems.Add(new ContentLineProblem(line.LineNumber, line.Name, $"CHARSET={name!.Trim()} is not a character set Omm knows; the value was read as {(isUtf8 ? "UTF-8" : "windows-1252")}", false, line.LastLineNumber));
                return text;
            }

            return charset.GetString(bytes);
        }
    }
}
