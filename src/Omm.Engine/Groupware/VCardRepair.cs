using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Omm.Engine.Contacts;
using Omm.Engine.ContentLines;

namespace Omm.Engine.Groupware
{
    /// <summary>
    /// A vCard 3.0 rewritten, keeping what it means, into the form that CardDAV servers take, for a second PUT after
    /// the first was refused: what Radicale 3.1 and Xandikos 0.2.8 were seen to refuse (Lotus Notes' PROFILE, two N,
    /// commas in ORG, damaged base64, lower-case BEGIN...) is fixed. See docs/bad-input-dav.md for the list.
    /// </summary>
    internal static class VCardRepair
    {
        /// <summary>Properties a vCard has once at most (RFC 2426, and RFC 6350 for those 3.0 cards borrow).</summary>
        private static readonly string[] Single = { "N", "UID", "REV", "BDAY", "PRODID", "SORT-STRING", "CLASS", "KIND", "GENDER", "ANNIVERSARY" };

        /// <summary>Properties that only name the directory a card came from (RFC 2425's PROFILE and NAME), nothing about the person.</summary>
        private static readonly string[] DirectoryOnly = { "PROFILE", "NAME" };

        /// <summary>Single TEXT values, where ',' and ';' are plain characters that must be escaped.</summary>
        private static readonly string[] SingleText = { "FN", "TITLE", "ROLE", "NOTE" };

        private static readonly string[] Binary = { "PHOTO", "LOGO", "SOUND", "KEY" };

        /// <param name="text">A vCard 3.0 as it was sent.</param>
        /// <param name="earlier">Changes already made to get it (a 4.0 card written as 3.0).</param>
        /// <returns>The repaired card, or null when nothing in it could be repaired.</returns>
        public static RepairedItem? Repair(string text, IEnumerable<string> earlier)
        {
            var repair = new ContentRepair();
            repair.Changes.AddRange(earlier);
            var read = repair.Read(text);
            if (read == null || read.Count != 1 || !read[0].Is("VCARD"))
                return null;
            var card = read[0];

            var properties = new List<ContentLine>();
            var sources = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in card.Properties)
            {
                if (property.Is("VERSION"))
                    continue;
                if (DirectoryOnly.Any(property.Is))
                    repair.Changes.Add($"dropped {ContentRepair.Excerpt(property)}, which names the directory the card came from");
                else if (property.Is("SOURCE") && !sources.Add(property.Value.Trim()))
                    repair.Changes.Add($"dropped a second {ContentRepair.Excerpt(property)}");
                else
                    properties.Add(property);
            }

            var versions = card.PropertiesNamed("VERSION").ToList();
            if (versions.Count == 0)
                repair.Changes.Add("added VERSION:3.0, which a vCard requires");
            else if (versions.Count > 1)
                repair.Changes.Add($"kept one of {versions.Count} VERSION");
            else if (versions[0].Value.Trim() != "3.0")
                repair.Changes.Add($"wrote {ContentRepair.Excerpt(versions[0])} as VERSION:3.0");
            properties.Insert(0, new ContentLine("VERSION", "3.0"));

            properties = repair.WithoutEmpty(properties, string.Empty, "N", "AGENT");
            properties = repair.WithoutSeconds(properties, Single, string.Empty);
            properties = properties.Select(p => Escaped(p, repair)).Select(p => Binary.Any(p.Is) ? Base64(p, repair) : p).Where(p => p != null).Select(p => p!).ToList();

            var repaired = new ContentComponent(card.Name, properties, card.Components);
            if (!properties.Any(p => p.Is("FN")) && NameOf(repaired) is string name && name.Length > 0)
            {
                properties.Insert(1, new ContentLine("FN", ContentLineText.Escape(name)));
                repair.Changes.Add($"added FN:{name}, which vCard 3.0 requires");
                repaired = new ContentComponent(card.Name, properties, card.Components);
            }

            return repair.Result(repaired);
        }

        /// <summary>ORG with its commas escaped; FN, TITLE, ROLE and NOTE with commas and semicolons escaped.</summary>
        private static ContentLine Escaped(ContentLine property, ContentRepair repair)
        {
            var stray = property.Is("ORG") ? ",".ToCharArray() : SingleText.Any(property.Is) ? ",;".ToCharArray() : null;
            if (stray == null || property.IsBase64 || property.IsQuotedPrintable)
                return property;
            var builder = new StringBuilder(property.Value.Length + 4);
            for (var i = 0; i < property.Value.Length; i++)
            {
                var c = property.Value[i];
                if (c == '\\' && i + 1 < property.Value.Length)
                    builder.Append(c).Append(property.Value[++i]);
                else if (stray.Contains(c))
                    builder.Append('\\').Append(c);
                else
                    builder.Append(c);
            }

            var escaped = builder.ToString();
            if (escaped == property.Value)
                return property;
            repair.Changes.Add($"escaped the {(stray.Length == 1 ? "commas" : "commas and semicolons")} in {property.Name}");
            return property.WithValue(escaped);
        }

        /// <summary>Base64 without line breaks or spaces, padded when its '=' are missing, ENCODING=b; dropped (null) when it is damaged beyond that.</summary>
        private static ContentLine? Base64(ContentLine property, ContentRepair repair)
        {
            if (!property.IsBase64)
                return property;
            var data = string.Concat(property.Value.Where(c => !char.IsWhiteSpace(c)));
            var padded = data.Length % 4 == 0 ? data : data.Length % 4 == 1 ? null : data + new string('=', 4 - data.Length % 4);
            if (padded == null || !Decodes(padded))
            {
                repair.Changes.Add($"dropped {property.Name}: its base64 data ({data.Length} characters) is damaged and cannot be decoded");
                return null;
            }

            if (padded != data)
                repair.Changes.Add($"added the missing '=' padding to the base64 data of {property.Name}");
            var encoding = property.Parameters.FirstOrDefault(p => p.Is("ENCODING") || (p.IsBare && p.Value.Equals("BASE64", StringComparison.OrdinalIgnoreCase)));
            if (encoding == null || (encoding.Is("ENCODING") && encoding.Value.Equals("b", StringComparison.OrdinalIgnoreCase)))
                return property.WithValue(padded);
            repair.Changes.Add($"wrote {ContentLineWriter.FormatParameter(encoding)} of {property.Name} as 3.0's ENCODING=b");
            var parameters = property.Parameters.Select(p => ReferenceEquals(p, encoding) ? new ContentLineParameter("ENCODING", "b") : p);
            return new ContentLine(property.Name, padded, parameters, property.Group);
        }

        private static bool Decodes(string base64)
        {
            try
            {
                Convert.FromBase64String(base64);
                return true;
            }
            catch (FormatException)
            {
                return false;
            }
        }

        /// <summary>What names the person, as Omm's reader finds it (N, else ORG, else EMAIL); null when the card cannot be read.</summary>
        private static string? NameOf(ContentComponent card)
        {
            try
            {
                return VCard.Parse(ContentRepair.Write(card)).Name;
            }
            catch (FormatException)
            {
                return null;
            }
        }
    }
}
