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
    /// once, so a card that is read has no bad quoted-printable or base64 left to fail on later: a property
    /// whose value cannot be decoded is left out of the card and named in its <see cref="Warnings"/>.
    /// </summary>
    public sealed class VCard
    {
        private static readonly string[] Versions = { "2.1", "3.0", "4.0" };

        private static readonly IReadOnlyList<ContentLineProblem> NoWarnings = new ContentLineProblem[0];

        private readonly ContentComponent _component;

        /// <summary>Its lines as read (with the UID that <see cref="WithStableUid"/> added), CRLF line ends.</summary>
        private readonly string _sourceText;

        private readonly IReadOnlyList<ContentLineProblem> _around;

        private string? _text;

        /// <param name="around">What the text held around the card that was not copied (a resource read alone), said with its own warnings.</param>
        private VCard(ContentComponent component, string sourceText, string? inheritedVersion, bool uidWasAssigned, IReadOnlyList<ContentLineProblem>? around = null)
        {
            _component = component;
            _sourceText = sourceText;
            _around = around ?? NoWarnings;
            UidWasAssigned = uidWasAssigned;
            Version = ReadVersion(component, inheritedVersion, out var guessed);
            VersionWasGuessed = guessed;
            var warnings = new List<ContentLineProblem>(component.DroppedLines);
            warnings.AddRange(_around);
            var properties = new List<ContentLine>(component.Properties.Count);
            var decoded = new List<VCardProperty>(component.Properties.Count);
            foreach (var line in component.Properties)
            {
                var property = VCardProperty.Read(line, Version, warnings);
                if (property == null)
                    continue;
                properties.Add(line);
                decoded.Add(property);
            }

            Properties = properties;
            DecodedProperties = decoded;
            Agents = ReadAgents(component, Version, warnings);
            Warnings = warnings.Count == 0 ? NoWarnings : warnings.OrderBy(w => w.LineNumber).ToList();
            IsVerbatim = Warnings.Count == 0 && component.IsClean;
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

        /// <summary>
        /// This card, one BEGIN..END with CRLF line ends, in its own version: as read when it was read as written
        /// (<see cref="IsVerbatim"/>), else written again from its <see cref="Properties"/> (without what was left
        /// out, values on folded lines).
        /// </summary>
        public string Text => _text ??= IsVerbatim ? _sourceText : Rewrite();

        /// <summary>Its properties as written, in order, VERSION included (not those of an embedded AGENT card); without those that could not be read (see <see cref="Warnings"/>).</summary>
        public IReadOnlyList<ContentLine> Properties { get; }

        /// <summary>
        /// What was left out of it (content lines that could not be read, values that could not be decoded, nested
        /// components that are no AGENT card) or read another way than written, in line order; those of its AGENT
        /// cards included.
        /// </summary>
        public IReadOnlyList<ContentLineProblem> Warnings { get; }

        /// <summary>Its lines as read (with the UID that <see cref="WithStableUid"/> added), CRLF line ends: what changes when the card changes in its source.</summary>
        internal string SourceText => _sourceText;

        /// <summary>True when the card was read as written: nothing was left out or read another way, and no value went on over 2.1-style continuation lines.</summary>
        public bool IsVerbatim { get; }

        /// <summary>The same properties with their values decoded by the rules of <see cref="Version"/>.</summary>
        public IReadOnlyList<VCardProperty> DecodedProperties { get; }

        /// <summary>Cards embedded in it the vCard 2.1 way (an empty AGENT value followed by BEGIN:VCARD..END:VCARD), in order.</summary>
        public IReadOnlyList<VCard> Agents { get; }

        /// <summary>Line of BEGIN:VCARD in the text the card was read from.</summary>
        public int LineNumber => _component.LineNumber;

        /// <summary>Line of END:VCARD in the text the card was read from.</summary>
        public int EndLineNumber => _component.EndLineNumber;

        public bool IsVersion3 => Version == "3.0";

        /// <summary>
        /// Every card of a .vcf text, in order. Throws <see cref="VCardFormatException"/> when a card cannot be read
        /// at all or the text holds none; <see cref="VCardFile.Read(string)"/> reads the others too.
        /// </summary>
        public static IReadOnlyList<VCard> ReadAll(string text)
        {
            var file = VCardFile.Read(text);
            if (file.Unreadable.Count > 0)
                throw new VCardFormatException(file.Unreadable[0].ProblemLineNumber, file.Unreadable[0].Problem);
            return file.Cards;
        }

        /// <summary>Every card of a .vcf file; UTF-8 with or without BOM, UTF-16 with BOM, else windows-1252.</summary>
        public static IReadOnlyList<VCard> ReadAll(Stream stream) => ReadAll(TextDecoding.Read(stream));

        /// <summary>
        /// Exactly one card (a CardDAV resource); lines around it that are not copied are in its <see cref="Warnings"/>.
        /// Throws <see cref="VCardFormatException"/>.
        /// </summary>
        public static VCard Parse(string text)
        {
            var file = VCardFile.Read(text);
            if (file.Unreadable.Count > 0)
                throw new VCardFormatException(file.Unreadable[0].ProblemLineNumber, file.Unreadable[0].Problem);
            var cards = file.Cards;
            if (cards.Count != 1)
                throw new VCardFormatException(cards.Count > 1 ? cards[1].LineNumber : 0, $"one vCard was expected, the text holds {cards.Count}");
            var card = cards[0];
            return file.StrayText.Count == 0 ? card : new VCard(card._component, card._sourceText, null, false, file.StrayText.Select(s => s.ToProblem()).ToList());
        }

        /// <summary>
        /// This card when it has a UID; otherwise the same card with a UID line added after VERSION, made from the
        /// SHA-256 of its text as read: reading the same file again gives the same UID, and only identical cards share one.
        /// </summary>
        public VCard WithStableUid()
        {
            if (Uid != null)
                return this;
            var uid = StableUid.FromContent(_sourceText);
            var lines = _sourceText.Split(new[] { "\r\n" }, StringSplitOptions.None).ToList();
            var version = _component.Property("VERSION");
            var insertAt = version != null ? version.LineNumber - _component.LineNumber + 1 : 1;
            while (insertAt < lines.Count && lines[insertAt].Length > 0 && (lines[insertAt][0] == ' ' || lines[insertAt][0] == '\t'))
                insertAt++;
            lines.Insert(insertAt, "UID:" + uid);
            var properties = _component.Properties.ToList();
            var versionIndex = version != null ? properties.IndexOf(version) : -1;
            properties.Insert(versionIndex + 1, new ContentLine("UID", uid));
            return new VCard(_component.WithProperties(properties), string.Join("\r\n", lines), null, true, _around);
        }

        /// <summary>vCard 3.0 text (RFC 2426) with every property kept; a 3.0 card's <see cref="Text"/> as it is. Lines folded at 75 octets.</summary>
        public string ToVersion3() => VCardVersion3Converter.Convert(this);

        public override string ToString() => $"vCard {Version} \"{Name}\"";

        /// <summary>The card of a component the reader gave; throws <see cref="VCardFormatException"/> when it cannot be read (see <see cref="VCardFile"/>).</summary>
        internal static VCard FromComponent(ContentComponent component, string? inheritedVersion = null)
        {
            var fault = component.FirstFault();
            if (fault != null)
                throw new VCardFormatException(fault.LineNumber, fault.Problem);
            return new VCard(component, component.SourceText ?? "", inheritedVersion, false);
        }

        /// <summary>Its kept properties written again, each folded at 75 octets; an AGENT card after its empty AGENT property.</summary>
        private string Rewrite()
        {
            var text = new StringBuilder(_sourceText.Length);
            text.Append(ContentLineWriter.Fold("BEGIN:" + _component.Name));
            var agents = new Queue<VCard>(Agents);
            foreach (var line in Properties)
            {
                text.Append(ContentLineWriter.Fold(ContentLineWriter.Format(line)));
                if (line.Is("AGENT") && line.Value.Trim().Length == 0 && agents.Count > 0)
                    text.Append(agents.Dequeue().Text);
            }

            return text.Append(ContentLineWriter.Fold("END:" + _component.Name)).ToString();
        }

        private static string ReadVersion(ContentComponent component, string? inheritedVersion, out bool guessed)
        {
            guessed = false;
            var line = component.Property("VERSION");
            if (line != null)
            {
                var version = line.Value.Trim();
                if (version == "3" || version == "4")
                    version += ".0";
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

        private static List<VCard> ReadAgents(ContentComponent component, string version, List<ContentLineProblem> warnings)
        {
            var agents = new List<VCard>();
            var emptyAgents = component.PropertiesNamed("AGENT").Count(p => p.Value.Trim().Length == 0);
            foreach (var nested in component.Components)
            {
                if (!nested.Is("VCARD") || agents.Count == emptyAgents)
                {
                    var what = nested.Is("VCARD") ? "a vCard inside the card without an empty AGENT before it" : "it is not part of a vCard";
                    warnings.Add(new ContentLineProblem(nested.LineNumber, null, $"BEGIN:{nested.Name}..END:{nested.Name} (to line {nested.EndLineNumber}): {what}", true));
                    continue;
                }

                var agent = FromComponent(nested, version);
                agents.Add(agent);
                warnings.AddRange(agent.Warnings);
            }

            return agents;
        }

        internal static string ReadName(IReadOnlyList<VCardProperty> properties)
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
