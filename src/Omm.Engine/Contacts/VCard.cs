using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Omm.Engine.ContentLines;

namespace Omm.Engine.Contacts
{
    /// <summary>
    /// One vCard (2.1, 3.0 or 4.0) as read from a .vcf file or a CardDAV resource. Reading decodes every value
    /// once, so a card that is read has no bad quoted-printable or base64 left to fail on later.
    /// </summary>
    public sealed class VCard
    {
        private static readonly string[] Versions = { "2.1", "3.0", "4.0" };

        private readonly ContentComponent _component;

        private VCard(ContentComponent component, string text, string? inheritedVersion, bool uidWasAssigned)
        {
            _component = component;
            Text = text;
            UidWasAssigned = uidWasAssigned;
            Version = ReadVersion(component, inheritedVersion, out var guessed);
            VersionWasGuessed = guessed;
            Properties = component.Properties;
            DecodedProperties = component.Properties.Select(p => new VCardProperty(p, Version)).ToList();
            Agents = ReadAgents(component, Version);
            var uid = DecodedProperties.FirstOrDefault(p => p.Is("UID"))?.Value.Trim();
            Uid = string.IsNullOrEmpty(uid) ? null : uid;
            Name = ReadName(DecodedProperties);
            IsGroup = DecodedProperties.Any(p => (p.Is("KIND") || p.Is("X-ADDRESSBOOKSERVER-KIND")) && string.Equals(p.Value.Trim(), "group", StringComparison.OrdinalIgnoreCase));
        }

        /// <summary>"2.1", "3.0" or "4.0".</summary>
        public string Version { get; }

        /// <summary>True when the card had no VERSION and <see cref="Version"/> was inferred: 2.1 when it uses quoted-printable, CHARSET or bare parameters, else 3.0.</summary>
        public bool VersionWasGuessed { get; }

        public string? Uid { get; }

        /// <summary>True on a card whose UID <see cref="WithStableUid"/> made.</summary>
        public bool UidWasAssigned { get; }

        /// <summary>FN, else N, else ORG, else the first EMAIL; "" when there is none of these. For messages to people.</summary>
        public string Name { get; }

        /// <summary>KIND:group (4.0) or X-ADDRESSBOOKSERVER-KIND:group (Apple's 3.0 groups).</summary>
        public bool IsGroup { get; }

        /// <summary>This card as read: one BEGIN..END, CRLF line ends.</summary>
        public string Text { get; }

        /// <summary>Its properties as written, in order, VERSION included (not those of an embedded AGENT card).</summary>
        public IReadOnlyList<ContentLine> Properties { get; }

        /// <summary>The same properties with their values decoded by the rules of <see cref="Version"/>.</summary>
        public IReadOnlyList<VCardProperty> DecodedProperties { get; }

        /// <summary>Cards embedded in it the vCard 2.1 way (an empty AGENT value followed by BEGIN:VCARD..END:VCARD), in order.</summary>
        public IReadOnlyList<VCard> Agents { get; }

        /// <summary>Line of BEGIN:VCARD in the text the card was read from.</summary>
        public int LineNumber => _component.LineNumber;

        public bool IsVersion3 => Version == "3.0";

        /// <summary>Every card of a .vcf text, in order; none for blank text. Throws <see cref="VCardFormatException"/>.</summary>
        public static IReadOnlyList<VCard> ReadAll(string text)
        {
            var cards = new List<VCard>();
            foreach (var component in ReadComponents(text))
            {
                if (!component.Is("VCARD"))
                    throw new VCardFormatException(component.LineNumber, $"BEGIN:{component.Name} where BEGIN:VCARD was expected");
                cards.Add(new VCard(component, component.SourceText!, null, false));
            }

            return cards;
        }

        /// <summary>Every card of a .vcf file; UTF-8 with or without BOM, UTF-16 with BOM, else windows-1252.</summary>
        public static IReadOnlyList<VCard> ReadAll(Stream stream) => ReadAll(TextDecoding.Read(stream));

        /// <summary>Exactly one card (a CardDAV resource). Throws <see cref="VCardFormatException"/>.</summary>
        public static VCard Parse(string text)
        {
            var cards = ReadAll(text);
            if (cards.Count != 1)
                throw new VCardFormatException(cards.Count > 1 ? cards[1].LineNumber : 0, $"one vCard was expected, the text holds {cards.Count}");
            return cards[0];
        }

        /// <summary>
        /// This card when it has a UID; otherwise the same card with a UID line added after VERSION, made from the
        /// SHA-256 of <see cref="Text"/>: reading the same file again gives the same UID, and only identical cards share one.
        /// </summary>
        public VCard WithStableUid()
        {
            if (Uid != null)
                return this;
            var uid = StableUid.FromContent(Text);
            var lines = Text.Split(new[] { "\r\n" }, StringSplitOptions.None).ToList();
            var version = _component.Property("VERSION");
            var insertAt = version != null ? version.LineNumber - _component.LineNumber + 1 : 1;
            while (insertAt < lines.Count && lines[insertAt].Length > 0 && (lines[insertAt][0] == ' ' || lines[insertAt][0] == '\t'))
                insertAt++;
            lines.Insert(insertAt, "UID:" + uid);
            var text = string.Join("\r\n", lines);
            var component = ReadComponents(text).Single();
            return new VCard(component, text, null, true);
        }

        /// <summary>vCard 3.0 text (RFC 2426) with every property kept; a 3.0 card's <see cref="Text"/> as it is. Lines folded at 75 octets.</summary>
        public string ToVersion3() => VCardVersion3Converter.Convert(this);

        public override string ToString() => $"vCard {Version} \"{Name}\"";

        internal static VCard FromComponent(ContentComponent component, string inheritedVersion) => new VCard(component, component.SourceText ?? "", inheritedVersion, false);

        private static IReadOnlyList<ContentComponent> ReadComponents(string text)
        {
            try
            {
                return ContentLineReader.Read(text);
            }
            catch (ContentLineFormatException e) when (!(e is VCardFormatException))
            {
                throw new VCardFormatException(e.LineNumber, e.Problem, e);
            }
        }

        private static string ReadVersion(ContentComponent component, string? inheritedVersion, out bool guessed)
        {
            guessed = false;
            var line = component.Property("VERSION");
            if (line != null)
            {
                var version = line.Value.Trim();
                if (!Versions.Contains(version))
                    throw new VCardFormatException(line.LineNumber, $"VERSION \"{version}\" is not 2.1, 3.0 or 4.0");
                return version;
            }

            if (inheritedVersion != null)
                return inheritedVersion;
            guessed = true;
            var looksLike21 = component.Properties.Any(p => p.IsQuotedPrintable || p.HasParameter("CHARSET") || p.Parameters.Any(q => q.IsBare));
            return looksLike21 ? "2.1" : "3.0";
        }

        private static List<VCard> ReadAgents(ContentComponent component, string version)
        {
            var agents = new List<VCard>();
            var emptyAgents = component.PropertiesNamed("AGENT").Count(p => p.Value.Trim().Length == 0);
            foreach (var nested in component.Components)
            {
                if (!nested.Is("VCARD"))
                    throw new VCardFormatException(nested.LineNumber, $"BEGIN:{nested.Name} inside a vCard");
                if (agents.Count == emptyAgents)
                    throw new VCardFormatException(nested.LineNumber, "a vCard inside a vCard without an empty AGENT property before it");
                agents.Add(FromComponent(nested, version));
            }

            return agents;
        }

        private static string ReadName(IReadOnlyList<VCardProperty> properties)
        {
            var formatted = properties.FirstOrDefault(p => p.Is("FN") && p.Value.Trim().Length > 0);
            if (formatted != null)
                return formatted.Value.Trim();
            var structured = properties.FirstOrDefault(p => p.Is("N"));
            if (structured != null)
            {
                // family; given; additional; prefixes; suffixes → "prefixes given additional family suffixes"
                var parts = structured.Components;
                string Part(int index) => index < parts.Count ? string.Join(" ", parts[index].Where(s => s.Trim().Length > 0)) : "";
                var name = string.Join(" ", new[] { Part(3), Part(1), Part(2), Part(0), Part(4) }.Where(s => s.Trim().Length > 0)).Trim();
                if (name.Length > 0)
                    return name;
            }

            var organization = properties.FirstOrDefault(p => p.Is("ORG") && p.Value.Trim().Length > 0);
            if (organization != null)
                return organization.Components[0].FirstOrDefault()?.Trim() is { Length: > 0 } company ? company : organization.Value.Trim();
            return properties.FirstOrDefault(p => p.Is("EMAIL") && p.Value.Trim().Length > 0)?.Value.Trim() ?? "";
        }
    }
}
