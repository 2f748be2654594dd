using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Omm.Engine.ContentLines;

namespace Omm.Engine.Contacts
{
    /// <summary>
    /// vCard 2.1 and 4.0 to 3.0 (RFC 2426), the version every CardDAV server accepts (RFC 6352 §5.1). Every
    /// property is kept; values are decoded from the source's rules and written with 3.0's.
    /// </summary>
    internal static class VCardVersion3Converter
    {
        public static string Convert(VCard card)
        {
            if (card.IsVersion3 && !card.VersionWasGuessed)
                return RefoldLongLines(Repaired30(card) ?? card.Text);

            var writer = new ContentLineWriter();
            writer.Raw("BEGIN", "VCARD");
            writer.Raw("VERSION", "3.0");
            var agents = new Queue<VCard>(card.Agents);
            foreach (var property in card.DecodedProperties)
            {
                if (property.Is("VERSION"))
                    continue;
                foreach (var line in card.Version switch
                {
                    "2.1" => From21(property, agents),
                    "4.0" => From40(property, card),
                    _ => new[] { property.Line },
                })
                {
                    writer.Write(line);
                }
            }

            // RFC 2426 requires FN and N; 2.1 and 4.0 cards may lack them.
            if (!card.DecodedProperties.Any(p => p.Is("FN")))
                writer.Text("FN", card.Name);
            if (!card.DecodedProperties.Any(p => p.Is("N")))
                writer.Raw("N", ContentLineText.Escape(card.Name) + ";;;;");
            writer.Raw("END", "VCARD");
            return writer.ToString();
        }

        private static IEnumerable<ContentLine> From21(VCardProperty property, Queue<VCard> agents)
        {
            var line = property.Line;
            var valueType = ValueType21(line);
            var parameters = new List<ContentLineParameter>();
            if (property.Data != null)
                parameters.Add(new ContentLineParameter("ENCODING", "b"));
            if (valueType != null)
                parameters.Add(new ContentLineParameter("VALUE", valueType));
            var types = VCardProperty.TypeValues(line, "2.1");
            if (types.Count > 0)
                parameters.Add(new ContentLineParameter("TYPE", types));
            parameters.AddRange(line.Parameters.Where(p => !p.IsBare && !p.Is("ENCODING") && !p.Is("CHARSET") && !p.Is("TYPE") && !p.Is("VALUE")));

            string value;
            if (property.Data != null)
                value = System.Convert.ToBase64String(property.Data);
            else if (property.Is("AGENT") && line.Value.Trim().Length == 0 && agents.Count > 0)
                value = ContentLineText.Escape(agents.Dequeue().ToVersion3());
            else
                value = DecodedValue(property);

            if (string.Equals(valueType, "uri", StringComparison.Ordinal) && IsContentId(line) && !value.StartsWith("cid:", StringComparison.OrdinalIgnoreCase))
                value = "cid:" + value.Trim().TrimStart('<').TrimEnd('>');
            yield return new ContentLine(line.Name, value, parameters, line.Group, line.LineNumber);
        }

        private static IEnumerable<ContentLine> From40(VCardProperty property, VCard card)
        {
            var line = property.Line;
            var parameters = new List<ContentLineParameter>();
            var value = line.Value;
            var dropValueType = false;
            var types = VCardProperty.TypeValues(line, "4.0");
            if (property.Data != null)
            {
                parameters.Add(new ContentLineParameter("ENCODING", "b"));
                value = System.Convert.ToBase64String(property.Data);
                dropValueType = true;
                var subtype = property.Types.LastOrDefault(t => property.DataMediaType != null && property.DataMediaType.EndsWith("/" + t, StringComparison.OrdinalIgnoreCase));
                if (subtype != null && !types.Contains(subtype, StringComparer.OrdinalIgnoreCase))
                    types.Add(subtype);
            }
            else if (property.Is("TEL") && line.Value.StartsWith("tel:", StringComparison.OrdinalIgnoreCase))
            {
                value = ContentLineText.Escape(property.Components[0][0]);
                dropValueType = true;
            }
            else if (property.Is("GEO") && line.Value.StartsWith("geo:", StringComparison.OrdinalIgnoreCase))
            {
                value = string.Join(";", property.Components.Select(c => c[0]));
                dropValueType = true;
            }
            else if (line.IsQuotedPrintable)
            {
                value = DecodedValue(property);
            }

            var dropEncoding = property.Data != null || line.IsQuotedPrintable;
            var pref = line.Parameter("PREF")?.Trim();
            if (pref == "1" && !types.Contains("pref", StringComparer.OrdinalIgnoreCase))
                types.Add("pref");
            if (types.Count > 0)
                parameters.Add(new ContentLineParameter("TYPE", types));
            parameters.AddRange(line.Parameters.Where(p => !p.Is("TYPE") && !(p.Is("PREF") && pref == "1") && !(dropValueType && (p.Is("VALUE") || p.Is("MEDIATYPE")))
                && !(dropEncoding && IsEncoding(p))));
            yield return new ContentLine(line.Name, value, parameters, line.Group, line.LineNumber);

            // Apple's 3.0 spelling of 4.0 groups, which 3.0 clients and servers understand.
            if (property.Is("KIND") && string.Equals(property.Value.Trim(), "group", StringComparison.OrdinalIgnoreCase) && !card.DecodedProperties.Any(p => p.Is("X-ADDRESSBOOKSERVER-KIND")))
                yield return new ContentLine("X-ADDRESSBOOKSERVER-KIND", "group", null, line.Group, line.LineNumber);
            if (property.Is("MEMBER") && !card.DecodedProperties.Any(p => p.Is("X-ADDRESSBOOKSERVER-MEMBER") && p.Value == property.Value))
                yield return new ContentLine("X-ADDRESSBOOKSERVER-MEMBER", line.Value, null, line.Group, line.LineNumber);
        }

        /// <summary>
        /// A 3.0 card whose values break 3.0's escaping rules, or that was not read as it is written (a line left
        /// out, a value on 2.1-style continuation lines), rewritten; null when none is (the usual case, so the card
        /// keeps its bytes). Apple writes "Street 4, Building 6" in X-ABADR and "Silicon Alley 5," in ADR
        /// with bare commas, and "http\://" in URL: a server that reads the commas as list separators (Radicale's
        /// vobject) keeps only "Street 4", and one that escapes the backslash stores a different URL. Escaped
        /// commas and plain URIs mean the same to every reader.
        /// </summary>
        private static string? Repaired30(VCard card)
        {
            var repaired = card.DecodedProperties.Select(Repaired30).ToList();
            if (card.IsVerbatim && repaired.Select((line, i) => ReferenceEquals(line, card.DecodedProperties[i].Line)).All(same => same))
                return null;
            var writer = new ContentLineWriter();
            writer.Raw("BEGIN", "VCARD");
            foreach (var line in repaired)
                writer.Write(line);
            writer.Raw("END", "VCARD");
            return writer.ToString();
        }

        private static ContentLine Repaired30(VCardProperty property)
        {
            var line = property.Line;
            if (property.Data != null && line.IsBase64 && !IsPlainBase64(line.Value))
                return line.WithValue(System.Convert.ToBase64String(property.Data));
            if (property.Data == null && line.IsQuotedPrintable)
            {
                // 3.0 has no quoted-printable (RFC 2426 §5): the decoded value, written the 3.0 way.
                var parameters = line.Parameters.Where(p => !IsEncoding(p));
                return new ContentLine(line.Name, DecodedValue(property), parameters, line.Group, line.LineNumber);
            }

            if (property.Data != null || property.Is("AGENT") || line.IsQuotedPrintable || line.IsBase64)
                return line;
            if (VCardProperty.IsRawValue(line))
            {
                var isUri = property.Is("URL") || string.Equals(line.Parameter("VALUE")?.Trim(), "uri", StringComparison.OrdinalIgnoreCase);
                return isUri && (line.Value.Contains("\\:") || line.Value.Contains("\\,") || line.Value.Contains("\\;"))
                    ? line.WithValue(line.Value.Replace("\\:", ":").Replace("\\,", ",").Replace("\\;", ";"))
                    : line;
            }

            var value = JoinText(property);
            return HasBareSeparator(line.Value) && value != line.Value ? line.WithValue(value) : line;
        }

        /// <summary>Base64 as RFC 4648 writes it: its alphabet only, padded to a multiple of 4 characters (what a lenient read accepted besides is written again).</summary>
        private static bool IsPlainBase64(string value)
        {
            if (value.Length % 4 != 0)
                return false;
            foreach (var c in value)
            {
                if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/' || c == '='))
                    return false;
            }

            return true;
        }

        /// <summary>A ',' not preceded by a backslash: a list separator where 3.0 has lists, else a value 3.0 says to escape.</summary>
        private static bool HasBareSeparator(string value)
        {
            for (var i = 0; i < value.Length; i++)
            {
                if (value[i] == '\\')
                    i++;
                else if (value[i] == ',')
                    return true;
            }

            return false;
        }

        /// <summary>
        /// The text as it is, except that a logical line with a physical line over 75 octets is unfolded and
        /// folded again (RFC 2426 §2.6: lines SHOULD be folded at 75 octets); most cards come back byte for byte.
        /// </summary>
        internal static string RefoldLongLines(string text)
        {
            var lines = text.Split(new[] { "\r\n" }, StringSplitOptions.None);
            if (lines.All(l => Encoding.UTF8.GetByteCount(l) <= ContentLineWriter.MaximumLineOctets))
                return text;
            var builder = new StringBuilder(text.Length + 64);
            var count = lines.Length - (lines[lines.Length - 1].Length == 0 ? 1 : 0);
            for (var first = 0; first < count;)
            {
                var last = first;
                while (last + 1 < count && lines[last + 1].Length > 0 && (lines[last + 1][0] == ' ' || lines[last + 1][0] == '\t'))
                    last++;
                var tooLong = false;
                for (var i = first; i <= last; i++)
                    tooLong |= Encoding.UTF8.GetByteCount(lines[i]) > ContentLineWriter.MaximumLineOctets;
                if (tooLong)
                {
                    var logical = new StringBuilder(lines[first]);
                    for (var i = first + 1; i <= last; i++)
                        logical.Append(lines[i], 1, lines[i].Length - 1);
                    builder.Append(ContentLineWriter.Fold(logical.ToString()));
                }
                else
                {
                    for (var i = first; i <= last; i++)
                        builder.Append(lines[i]).Append("\r\n");
                }

                first = last + 1;
            }

            return builder.ToString();
        }

        /// <summary>The 3.0 VALUE of a 2.1 property: VALUE=URL or a bare URL → uri, CONTENT-ID/CID → uri (a cid: URI), INLINE → none.</summary>
        private static string? ValueType21(ContentLine line)
        {
            var words = line.ParameterValues("VALUE")
                .Concat(line.Parameters.Where(p => p.IsBare).SelectMany(p => p.Values).Where(v => VCardValueKinds.ValueWords.Contains(v.Trim())))
                .Select(v => v.Trim());
            foreach (var word in words)
            {
                if (string.Equals(word, "INLINE", StringComparison.OrdinalIgnoreCase))
                    continue;
                if (string.Equals(word, "URL", StringComparison.OrdinalIgnoreCase) || string.Equals(word, "URI", StringComparison.OrdinalIgnoreCase)
                    || string.Equals(word, "CONTENT-ID", StringComparison.OrdinalIgnoreCase) || string.Equals(word, "CID", StringComparison.OrdinalIgnoreCase))
                    return "uri";
                return word;
            }

            return null;
        }

        private static bool IsContentId(ContentLine line) =>
            line.Parameters.Where(p => p.Is("VALUE") || p.IsBare).SelectMany(p => p.Values)
                .Any(v => string.Equals(v.Trim(), "CONTENT-ID", StringComparison.OrdinalIgnoreCase) || string.Equals(v.Trim(), "CID", StringComparison.OrdinalIgnoreCase));

        /// <summary>ENCODING, CHARSET or a 2.1 bare encoding ("QUOTED-PRINTABLE"): what a value written decoded no longer has.</summary>
        private static bool IsEncoding(ContentLineParameter parameter) =>
            parameter.Is("ENCODING") || parameter.Is("CHARSET") || (parameter.IsBare && parameter.Values.All(v => VCardValueKinds.EncodingWords.Contains(v.Trim())));

        /// <summary>A decoded non-binary value written the 3.0 way: GEO's parts joined with ';', another raw value as it is, TEXT escaped.</summary>
        private static string DecodedValue(VCardProperty property)
        {
            if (property.Is("GEO") && VCardProperty.IsRawValue(property.Line))
                return string.Join(";", property.Components.Select(c => c[0]));
            return VCardProperty.IsRawValue(property.Line) ? EscapeLineBreaks(property.Components[0][0]) : JoinText(property);
        }

        /// <summary>Decoded TEXT written the 3.0 way: parts joined with ';', list items with ',', each escaped.</summary>
        private static string JoinText(VCardProperty property) =>
            string.Join(";", property.Components.Select(items => string.Join(",", items.Select(item => ContentLineText.Escape(item)))));

        /// <summary>A raw value keeps its bytes; only line breaks that quoted-printable held become \n.</summary>
        private static string EscapeLineBreaks(string value) => value.Replace("\n", "\\n");
    }
}
