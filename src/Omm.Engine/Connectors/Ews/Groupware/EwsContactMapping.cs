using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Omm.Engine.Contacts;
using Omm.Engine.ContentLines;
using static Omm.Engine.Connectors.Ews.Groupware.EwsItemXml;

namespace Omm.Engine.Connectors.Ews.Groupware
{
    /// <summary>
    /// vCard ↔ EWS t:Contact, field by field (docs/exchange-groupware.md has the table). Toward Exchange, what has no
    /// field (a fourth e-mail, a third work phone, GEO, KEY, X- properties...) becomes a loss note naming it; the
    /// photo comes out separately, for the attachment call. Back from Exchange, a vCard 3.0 with every field that
    /// is set.
    /// </summary>
    internal static class EwsContactMapping
    {
        /// <summary>PidTagDisplayNamePrefix ("Mr."): EWS has no writable field for it.</summary>
        public const int PrefixTag = 0x3A45;

        /// <summary>PidTagPersonalHomePage: EWS has only BusinessHomePage.</summary>
        public const int PersonalHomePageTag = 0x3A50;

        private static readonly string[] ImProperties = { "X-MS-IMADDRESS", "IMPP", "X-AIM", "X-ICQ", "X-JABBER", "X-MSN", "X-YAHOO", "X-SKYPE", "X-SKYPE-USERNAME", "X-GOOGLE-TALK", "X-GTALK", "X-QQ", "X-GADUGADU" };

        private static readonly string[] AnniversaryProperties = { "ANNIVERSARY", "X-ANNIVERSARY", "X-MS-ANNIVERSARY", "X-EVOLUTION-ANNIVERSARY" };

        /// <summary>Properties that are copied, or that say nothing Exchange would keep (VERSION, REV...), so that no loss is noted for them.</summary>
        private static readonly HashSet<string> Handled = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "BEGIN", "END", "VERSION", "PRODID", "REV", "UID", "FN", "N", "NICKNAME", "ORG", "TITLE", "ROLE", "EMAIL", "TEL", "X-MS-TEL", "ADR", "URL", "BDAY", "NOTE",
            "CATEGORIES", "PHOTO", "CLASS", "X-MS-FILE-AS", "X-MS-MANAGER", "X-MS-ASSISTANT", "X-MS-SPOUSE", "X-MS-CHILD", "X-MS-OL-DEFAULT-POSTAL-ADDRESS",
            "X-ABLABEL", "KIND", "X-ADDRESSBOOKSERVER-KIND", "X-MS-OFFICE-LOCATION", "LABEL",
        };

        /// <summary>
        /// The t:Contact for CreateItem, its elements in types.xsd order. <paramref name="extendedProperties"/> (the
        /// caller's, such as the one that keeps the vCard's UID) go where ItemType puts ExtendedProperty.
        /// </summary>
        public static EwsContactDraft ToEws(VCard card, IEnumerable<XElement> extendedProperties)
        {
            var losses = new List<string>();
            var properties = card.DecodedProperties;
            var labels = properties.Where(p => p.Is("X-ABLABEL") && p.Group != null)
                .GroupBy(p => p.Group!, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.OrdinalIgnoreCase);
            string? First(string name) => properties.FirstOrDefault(p => p.Is(name) && p.Value.Trim().Length > 0)?.Value.Trim();

            var n = properties.FirstOrDefault(p => p.Is("N"));
            string NamePart(int index) => n != null && index < n.Components.Count ? string.Join(" ", n.Components[index].Select(s => s.Trim()).Where(s => s.Length > 0)) : "";
            var surname = NamePart(0);
            var given = NamePart(1);
            var middle = NamePart(2);
            var prefix = NamePart(3);
            var suffix = NamePart(4);
            var displayName = First("FN") ?? card.Name;

            var item = new XElement(T("Contact"));
            var sensitivity = Sensitivity(First("CLASS"));
            if (sensitivity != null)
                item.Add(new XElement(T("Sensitivity"), sensitivity));
            var notes = properties.Where(p => p.Is("NOTE") && p.Value.Trim().Length > 0).Select(p => p.Value.Trim()).ToList();
            if (notes.Count > 0)
                item.Add(Body(string.Join("\n\n", notes)));
            item.Add(Categories(properties.Where(p => p.Is("CATEGORIES")).SelectMany(p => p.Components.SelectMany(c => c))));
            item.Add(extendedProperties);
            if (prefix.Length > 0)
                item.Add(TaggedProperty(PrefixTag, "String", prefix));

            var urls = properties.Where(p => p.Is("URL") && p.Value.Trim().Length > 0).ToList();
            var business = urls.FirstOrDefault(u => u.Types.Contains("WORK")) ?? urls.FirstOrDefault(u => !u.Types.Contains("HOME"));
            var personal = urls.FirstOrDefault(u => u != business && u.Types.Contains("HOME"));
            if (personal != null)
                item.Add(TaggedProperty(PersonalHomePageTag, "String", personal.Value.Trim()));
            foreach (var url in urls.Where(u => u != business && u != personal))
                losses.Add($"URL {LossNotes.Value(url.Value)}: Exchange keeps one business and one personal web page; not copied.");

            item.Add(Text("FileAs", First("X-MS-FILE-AS")));
            item.Add(Text("DisplayName", displayName));
            item.Add(Text("GivenName", given));
            item.Add(Text("MiddleName", middle));
            var nicknames = properties.Where(p => p.Is("NICKNAME")).SelectMany(p => p.Components.SelectMany(c => c)).Select(s => s.Trim()).Where(s => s.Length > 0).ToList();
            item.Add(Text("Nickname", nicknames.FirstOrDefault()));
            foreach (var extra in nicknames.Skip(1))
                losses.Add($"NICKNAME {LossNotes.Value(extra)}: Exchange keeps one nickname; not copied.");

            var org = properties.FirstOrDefault(p => p.Is("ORG"));
            string OrgPart(int index) => org != null && index < org.Components.Count ? string.Join(" ", org.Components[index]).Trim() : "";
            item.Add(Text("CompanyName", OrgPart(0)));
            if (org != null && org.Components.Count > 2 && Enumerable.Range(2, org.Components.Count - 2).Any(i => OrgPart(i).Length > 0))
                losses.Add($"ORG {LossNotes.Value(org.Value)}: Exchange keeps a company and one department; the units below it were not copied.");

            item.Add(Emails(properties, losses));
            item.Add(Addresses(properties, losses, out var postalIndex));
            item.Add(Phones(properties, labels, losses));
            item.Add(Text("AssistantName", First("X-MS-ASSISTANT")));
            item.Add(DateField("Birthday", properties.FirstOrDefault(p => p.Is("BDAY")), losses));
            item.Add(Text("BusinessHomePage", business?.Value.Trim()));
            var children = properties.Where(p => p.Is("X-MS-CHILD") && p.Value.Trim().Length > 0).Select(p => p.Value.Trim()).ToList();
            if (children.Count > 0)
                item.Add(new XElement(T("Children"), children.Select(c => new XElement(T("String"), Clean(c)))));
            item.Add(Text("Department", OrgPart(1)));
            item.Add(Text("Generation", suffix));
            item.Add(ImAddresses(properties, losses));
            item.Add(Text("JobTitle", First("TITLE")));
            item.Add(Text("Manager", First("X-MS-MANAGER")));
            item.Add(Text("OfficeLocation", First("X-MS-OFFICE-LOCATION")));
            var defaultPostal = First("X-MS-OL-DEFAULT-POSTAL-ADDRESS") switch { "1" => "Home", "2" => "Business", "3" => "Other", _ => null };
            if (postalIndex != null || defaultPostal != null)
                item.Add(new XElement(T("PostalAddressIndex"), postalIndex ?? defaultPostal));
            item.Add(Text("Profession", First("ROLE")));
            item.Add(Text("SpouseName", First("X-MS-SPOUSE")));
            item.Add(Text("Surname", surname));
            var anniversaries = properties.Where(p => AnniversaryProperties.Any(p.Is)).ToList();
            item.Add(DateField("WeddingAnniversary", anniversaries.FirstOrDefault(), losses));
            foreach (var extra in anniversaries.Skip(1).Where(a => a.Value != anniversaries[0].Value))
                losses.Add($"{extra.Name} {LossNotes.Value(extra.Value)}: Exchange keeps one anniversary; not copied.");

            var photo = Photo(properties, losses);
            foreach (var property in properties.Where(p => !Handled.Contains(p.Name) && !ImProperties.Any(p.Is) && !AnniversaryProperties.Any(p.Is)))
                losses.Add(UnmappedLoss(property));
            foreach (var property in properties.Where(p => (p.Is("KIND") || p.Is("X-ADDRESSBOOKSERVER-KIND")) && !p.Value.Trim().Equals("individual", StringComparison.OrdinalIgnoreCase)))
                losses.Add($"{property.Name}:{LossNotes.Value(property.Value)}: a contact in Exchange is a person; the kind was not copied.");
            foreach (var agent in card.Agents)
                losses.Add($"AGENT {agent.Name}: a card inside the card has no place in Exchange; not copied.");
            return new EwsContactDraft(item, photo, losses);
        }

        /// <summary>
        /// vCard 3.0 of a t:Contact from GetItem. The UID is the value of the caller's extended property
        /// <paramref name="uidField"/> (an ExtendedFieldURI) when the item has it, else <paramref name="fallbackUid"/>
        /// (one the caller derives from the ItemId, stable across reads).
        /// </summary>
        public static EwsItemText FromEws(XElement contact, string fallbackUid, XElement? uidField = null, EwsContactPhoto? photo = null)
        {
            var losses = new List<string>();
            var lines = new ContentLineWriter();
            lines.Raw("BEGIN", "VCARD");
            lines.Raw("VERSION", "3.0");
            lines.Raw("PRODID", "-//Omm//Exchange//EN");
            var uid = uidField == null ? null : ExtendedValue(contact, uidField);
            lines.Text("UID", string.IsNullOrWhiteSpace(uid) ? fallbackUid : uid!.Trim());

            var complete = contact.Element(T("CompleteName"));
            string? Complete(string name) => complete == null ? null : Child(complete, name);
            var surname = Child(contact, "Surname") ?? Complete("LastName");
            var given = Child(contact, "GivenName") ?? Complete("FirstName");
            var middle = Child(contact, "MiddleName") ?? Complete("MiddleName");
            var prefix = ExtendedValue(contact, TaggedField(PrefixTag, "String")) ?? Complete("Title");
            var suffix = Child(contact, "Generation") ?? Complete("Suffix");
            var displayName = Child(contact, "DisplayName") ?? Complete("FullName") ?? Child(contact, "FileAs") ?? Child(contact, "Subject") ?? "";
            lines.Text("FN", displayName);
            lines.Raw("N", string.Join(";", new[] { surname, given, middle, prefix, suffix }.Select(p => ContentLineText.Escape(p ?? ""))));
            lines.Text("NICKNAME", Child(contact, "Nickname") ?? Complete("Nickname"));
            var company = Child(contact, "CompanyName");
            var department = Child(contact, "Department");
            if (company != null || department != null)
                lines.Raw("ORG", ContentLineText.Escape(company ?? "") + (department == null ? "" : ";" + ContentLineText.Escape(department)));
            lines.Text("TITLE", Child(contact, "JobTitle"));
            lines.Text("ROLE", Child(contact, "Profession"));

            var emails = Entries(contact, "EmailAddresses").OrderBy(e => (string?)e.Attribute("Key"), StringComparer.Ordinal).ToList();
            for (var i = 0; i < emails.Count; i++)
            {
                var address = emails[i].Value.Trim();
                if (address.Length == 0)
                    continue;
                if (address.IndexOf('@') < 0 && address.StartsWith("/", StringComparison.Ordinal))
                    losses.Add($"{(string?)emails[i].Attribute("Key")} {LossNotes.Value(address)}: an Exchange-internal address, not an Internet one; not copied.");
                else
                    lines.Raw(i == 0 ? "EMAIL;TYPE=INTERNET,PREF" : "EMAIL;TYPE=INTERNET", ContentLineText.Escape(address));
            }

            var phones = Entries(contact, "PhoneNumbers").ToList();
            foreach (var (key, types) in ContactPhoneKeys.All)
            {
                foreach (var phone in phones.Where(p => (string?)p.Attribute("Key") == key && p.Value.Trim().Length > 0))
                    lines.Raw("TEL;TYPE=" + types, ContentLineText.Escape(phone.Value.Trim()));
            }

            var postalIndex = Child(contact, "PostalAddressIndex");
            foreach (var address in Entries(contact, "PhysicalAddresses"))
            {
                var key = (string?)address.Attribute("Key");
                var type = key == "Home" ? "HOME" : key == "Business" ? "WORK" : "POSTAL";
                if (key == postalIndex)
                    type += ",PREF";
                var parts = new[] { "", "", Child(address, "Street"), Child(address, "City"), Child(address, "State"), Child(address, "PostalCode"), Child(address, "CountryOrRegion") };
                if (parts.Any(p => !string.IsNullOrEmpty(p)))
                    lines.Raw("ADR;TYPE=" + type, string.Join(";", parts.Select(p => ContentLineText.Escape(p ?? ""))));
            }

            lines.Text("URL;TYPE=WORK", Child(contact, "BusinessHomePage"));
            lines.Text("URL;TYPE=HOME", ExtendedValue(contact, TaggedField(PersonalHomePageTag, "String")));
            foreach (var im in Entries(contact, "ImAddresses").OrderBy(e => (string?)e.Attribute("Key"), StringComparer.Ordinal))
                lines.Text("X-MS-IMADDRESS", im.Value.Trim());
            var birthday = Day(ChildTime(contact, "Birthday"));
            if (birthday != null)
                lines.Raw("BDAY;VALUE=DATE", birthday);
            var anniversary = Day(ChildTime(contact, "WeddingAnniversary"));
            if (anniversary != null)
                lines.Raw("X-ANNIVERSARY", anniversary);
            lines.Text("X-MS-FILE-AS", Child(contact, "FileAs"));
            lines.Text("X-MS-ASSISTANT", Child(contact, "AssistantName"));
            lines.Text("X-MS-MANAGER", Child(contact, "Manager"));
            lines.Text("X-MS-SPOUSE", Child(contact, "SpouseName"));
            lines.Text("X-MS-OFFICE-LOCATION", Child(contact, "OfficeLocation"));
            foreach (var child in ChildCategoriesOf(contact, "Children"))
                lines.Text("X-MS-CHILD", child);
            var sensitivity = Child(contact, "Sensitivity");
            if (sensitivity == "Private" || sensitivity == "Personal")
                lines.Raw("CLASS", "PRIVATE");
            else if (sensitivity == "Confidential")
                lines.Raw("CLASS", "CONFIDENTIAL");
            var body = BodyText(contact, out var wasHtml);
            if (wasHtml)
                losses.Add("Body: the contact's notes were HTML; they were copied as plain text.");
            lines.Text("NOTE", body?.TrimEnd());
            var categories = ChildCategories(contact);
            if (categories.Count > 0)
                lines.Raw("CATEGORIES", string.Join(",", categories.Select(ContentLineText.Escape)));
            foreach (var company2 in ChildCategoriesOf(contact, "Companies"))
                losses.Add($"Companies {LossNotes.Value(company2)}: vCard has no place for a contact's other companies; not copied.");
            if (photo != null && photo.Data.Length > 0)
            {
                var subtype = photo.ContentType.StartsWith("image/", StringComparison.OrdinalIgnoreCase) ? photo.ContentType.Substring(6).ToUpperInvariant() : "JPEG";
                lines.Raw("PHOTO;ENCODING=b;TYPE=" + subtype, Convert.ToBase64String(photo.Data));
            }

            var modified = ChildTime(contact, "LastModifiedTime");
            if (modified.HasValue)
                lines.Raw("REV", CalendarTimeText.Utc(new DateTimeOffset(modified.Value)));
            lines.Raw("END", "VCARD");
            return new EwsItemText(lines.ToString(), losses);
        }

        internal static string? Sensitivity(string? vcardClass) => vcardClass?.Trim().ToUpperInvariant() switch
        {
            "PRIVATE" => "Private",
            "CONFIDENTIAL" => "Confidential",
            "PUBLIC" => "Normal",
            _ => null,
        };

        private static XElement? Emails(IReadOnlyList<VCardProperty> properties, List<string> losses)
        {
            var emails = properties.Where(p => p.Is("EMAIL") && p.Value.Trim().Length > 0).ToList();
            var ordered = emails.Where(e => e.Types.Contains("PREF")).Concat(emails.Where(e => !e.Types.Contains("PREF"))).ToList();
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var entries = new List<XElement>();
            var position = 0;
            foreach (var email in ordered)
            {
                var address = email.Value.Trim();
                if (address.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
                    address = address.Substring(7);
                if (!seen.Add(address))
                    continue;
                position++;
                if (entries.Count == 3)
                {
                    losses.Add($"EMAIL {address} (the {LossNotes.Ordinal(position)} address): Exchange keeps three; not copied.");
                    continue;
                }

                entries.Add(new XElement(T("Entry"), new XAttribute("Key", "EmailAddress" + (entries.Count + 1).ToString(CultureInfo.InvariantCulture)), Clean(address)));
            }

            return entries.Count == 0 ? null : new XElement(T("EmailAddresses"), entries);
        }

        private static XElement? Addresses(IReadOnlyList<VCardProperty> properties, List<string> losses, out string? preferred)
        {
            preferred = null;
            var taken = new Dictionary<string, XElement>();
            foreach (var adr in properties.Where(p => p.Is("ADR")))
            {
                string Part(int index) => index < adr.Components.Count ? string.Join(" ", adr.Components[index]).Trim() : "";
                var street = string.Join("\n", new[] { Part(0), Part(1), Part(2) }.Where(s => s.Length > 0));
                var fields = new[] { ("Street", street), ("City", Part(3)), ("State", Part(4)), ("CountryOrRegion", Part(6)), ("PostalCode", Part(5)) };
                if (fields.All(f => f.Item2.Length == 0))
                    continue;
                var key = adr.Types.Contains("HOME") ? "Home" : adr.Types.Contains("WORK") ? "Business" : "Other";
                var kind = key == "Business" ? "work" : key.ToLowerInvariant();
                if (taken.ContainsKey(key))
                {
                    if (taken.ContainsKey("Other"))
                    {
                        losses.Add($"ADR {LossNotes.Value(string.Join(", ", fields.Select(f => f.Item2).Where(v => v.Length > 0)))} (another {kind} address): Exchange keeps one home, one business and one other address; not copied.");
                        continue;
                    }

                    losses.Add($"ADR {LossNotes.Value(string.Join(", ", fields.Select(f => f.Item2).Where(v => v.Length > 0)))} (another {kind} address): Exchange keeps one {kind} address; copied as the other address.");
                    key = "Other";
                }

                taken[key] = new XElement(T("Entry"), new XAttribute("Key", key), fields.Where(f => f.Item2.Length > 0).Select(f => new XElement(T(f.Item1), Clean(f.Item2))));
                if (adr.Types.Contains("PREF") && preferred == null)
                    preferred = key;
            }

            foreach (var label in properties.Where(p => p.Is("LABEL")))
                losses.Add($"LABEL {LossNotes.Value(label.Value)}: Exchange formats its own address label from the address; not copied.");
            return taken.Count == 0 ? null : new XElement(T("PhysicalAddresses"), new[] { "Home", "Business", "Other" }.Where(taken.ContainsKey).Select(k => taken[k]));
        }

        private static XElement? Phones(IReadOnlyList<VCardProperty> properties, Dictionary<string, string> labels, List<string> losses)
        {
            var taken = new Dictionary<string, string>();
            var counts = new Dictionary<string, int>();
            foreach (var tel in properties.Where(p => (p.Is("TEL") || p.Is("X-MS-TEL")) && p.Value.Trim().Length > 0))
            {
                var number = tel.Value.Trim();
                var label = tel.Group != null && labels.TryGetValue(tel.Group, out var l) ? l : null;
                var (keys, kind) = ContactPhoneKeys.For(tel.Types, label);
                counts[kind] = counts.TryGetValue(kind, out var c) ? c + 1 : 1;
                if (keys.Any(k => taken.TryGetValue(k, out var same) && same == number))
                    continue;
                var free = keys.FirstOrDefault(k => !taken.ContainsKey(k));
                if (free == null)
                {
                    losses.Add($"TEL {number} (the {LossNotes.Ordinal(counts[kind])} {kind} number): Exchange keeps {(keys.Count == 1 ? "one" : "two")}; not copied.");
                    continue;
                }

                taken[free] = number;
            }

            return taken.Count == 0
                ? null
                : new XElement(T("PhoneNumbers"), ContactPhoneKeys.All.Where(k => taken.ContainsKey(k.Key)).Select(k => new XElement(T("Entry"), new XAttribute("Key", k.Key), Clean(taken[k.Key]))));
        }

        private static XElement? ImAddresses(IReadOnlyList<VCardProperty> properties, List<string> losses)
        {
            var addresses = properties.Where(p => ImProperties.Any(p.Is) && p.Value.Trim().Length > 0).Select(p => (p.Name, Value: p.Value.Trim()))
                .GroupBy(p => p.Value, StringComparer.OrdinalIgnoreCase).Select(g => g.First()).ToList();
            foreach (var extra in addresses.Skip(3))
                losses.Add($"{extra.Name} {LossNotes.Value(extra.Value)}: Exchange keeps three instant-messaging addresses; not copied.");
            var kept = addresses.Take(3).ToList();
            return kept.Count == 0
                ? null
                : new XElement(T("ImAddresses"), kept.Select((a, i) => new XElement(T("Entry"), new XAttribute("Key", "ImAddress" + (i + 1).ToString(CultureInfo.InvariantCulture)), Clean(a.Value))));
        }

        /// <summary>A BDAY or anniversary as Exchange keeps it: the date at midnight UTC.</summary>
        private static XElement? DateField(string name, VCardProperty? property, List<string> losses)
        {
            if (property == null || property.Value.Trim().Length == 0)
                return null;
            var text = property.Value.Trim();
            var match = Regex.Match(text, @"^(\d{4})-?(\d{2})-?(\d{2})(T.*)?$");
            if (!match.Success)
            {
                losses.Add($"{property.Name} {LossNotes.Value(text)}: Exchange needs a full date (with its year); not copied.");
                return null;
            }

            DateTime date;
            try
            {
                date = new DateTime(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture),
                    int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture), 0, 0, 0, DateTimeKind.Utc);
            }
            catch (ArgumentOutOfRangeException)
            {
                losses.Add($"{property.Name} {LossNotes.Value(text)}: not a date; not copied.");
                return null;
            }

            if (match.Groups[4].Success && match.Groups[4].Value.Length > 1)
                losses.Add($"{property.Name} {LossNotes.Value(text)}: Exchange keeps the date; the time of day was not copied.");
            return new XElement(T(name), Time(date));
        }

        private static EwsContactPhoto? Photo(IReadOnlyList<VCardProperty> properties, List<string> losses)
        {
            EwsContactPhoto? photo = null;
            foreach (var property in properties.Where(p => p.Is("PHOTO")))
            {
                if (property.Data == null || property.Data.Length == 0)
                {
                    losses.Add($"PHOTO {LossNotes.Value(property.Value)}: a picture by reference is not fetched; not copied.");
                    continue;
                }

                if (photo != null)
                {
                    losses.Add($"PHOTO ({property.Data.Length} bytes, another picture): Exchange keeps one contact photo; not copied.");
                    continue;
                }

                var type = property.DataMediaType
                           ?? (property.Types.Contains("PNG") ? "image/png" : property.Types.Contains("GIF") ? "image/gif" : property.Types.Contains("JPEG") || property.Types.Contains("JPG") ? "image/jpeg" : EwsContactPhoto.Sniff(property.Data));
                photo = new EwsContactPhoto(property.Data, type.ToLowerInvariant());
            }

            return photo;
        }

        private static string UnmappedLoss(VCardProperty property)
        {
            var what = property.Data != null ? $"({property.Data.Length} bytes)" : LossNotes.Value(property.Value);
            return $"{property.Name} {what}: Exchange has no field for it; not copied.";
        }

        private static IEnumerable<XElement> Entries(XElement contact, string dictionary) =>
            contact.Element(T(dictionary))?.Elements(T("Entry")) ?? Enumerable.Empty<XElement>();

        private static IEnumerable<string> ChildCategoriesOf(XElement item, string name) =>
            item.Element(T(name))?.Elements(T("String")).Select(s => s.Value.Trim()).Where(s => s.Length > 0) ?? Enumerable.Empty<string>();

        /// <summary>Outlook keeps birthdays as local midnight in UTC; the nearest midnight gives the calendar day.</summary>
        private static string? Day(DateTime? value)
        {
            if (!value.HasValue || value.Value.Year < 1700 || value.Value.Year > 4000)
                return null;
            return value.Value.AddHours(12).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
    }
}
