using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Omm.Engine.ContentLines;
using Omm.Engine.Connectors.Files.Pst.Ltp;

namespace Omm.Engine.Connectors.Files.Pst.Messaging
{
    /// <summary>
    /// A contact (IPM.Contact) as a vCard 3.0 (RFC 2426), from the tagged and PSETID_Address properties of
    /// [formats.md] 1.7; a distribution list (IPM.DistList) as a group card with its one-off members.
    /// </summary>
    internal static class VCardWriter
    {
        private static readonly (ushort Id, string Type)[] Phones =
        {
            (0x3A1A, "PREF,VOICE"), // PidTagPrimaryTelephoneNumber
            (0x3A08, "WORK,VOICE"),
            (0x3A1B, "WORK,VOICE"), // Business2
            (0x3A09, "HOME,VOICE"),
            (0x3A2F, "HOME,VOICE"), // Home2
            (0x3A1C, "CELL,VOICE"),
            (0x3A24, "WORK,FAX"),
            (0x3A25, "HOME,FAX"),
            (0x3A23, "FAX"), // PrimaryFax
            (0x3A21, "PAGER"),
            (0x3A1E, "CAR,VOICE"),
            (0x3A2D, "ISDN"),
            (0x3A1F, "VOICE"), // Other
            (0x3A57, "WORK,VOICE"), // CompanyMain
        };

        private static readonly byte[] OneOffProvider =
        {
            0x81, 0x2B, 0x1F, 0xA4, 0xBE, 0xA3, 0x10, 0x19, 0x9D, 0x6E, 0x00, 0xDD, 0x01, 0x0F, 0x54, 0x02,
        };

        public static string Write(MessageObject message)
        {
            var messageClass = message.GetString(PropId.MessageClass) ?? "";
            var isList = messageClass.StartsWith("IPM.DistList", StringComparison.OrdinalIgnoreCase);
            if (!isList && !messageClass.StartsWith("IPM.Contact", StringComparison.OrdinalIgnoreCase))
                throw new PstUsageException($"{message.Description} is a {messageClass}, not a contact: it has no vCard.");

            var lines = new ContentLineWriter();
            lines.Raw("BEGIN", "VCARD");
            lines.Raw("VERSION", "3.0");
            lines.Raw("PRODID", "-//Omm//PST reader//EN");
            lines.Text("UID", Uid(message));

            var displayName = message.GetString(PropId.DisplayName) ?? MimeBuilder.CleanSubject(message.GetString(PropId.Subject)) ?? "";
            lines.Text("FN", displayName);
            if (isList)
            {
                lines.Raw("N", ContentLineText.Escape(displayName) + ";;;;");
                lines.Raw("X-ADDRESSBOOKSERVER-KIND", "group");
                foreach (var (name, address) in ListMembers(message))
                {
                    lines.Raw("EMAIL;TYPE=INTERNET", ContentLineText.Escape(address));
                    lines.Raw("X-ADDRESSBOOKSERVER-MEMBER" + (string.IsNullOrEmpty(name) ? "" : ";X-CN=" + ContentLineText.ParameterValue(name)), "mailto:" + address);
                }
            }
            else
            {
                WriteContact(message, lines);
            }

            lines.Text("NOTE", message.GetString(PropId.Body)?.TrimEnd());
            var categories = message.GetNamed(PropertySet.PublicStrings, "Keywords")?.AsStrings(message.Ansi);
            if (categories != null && categories.Count > 0)
                lines.Raw("CATEGORIES", string.Join(",", categories.ConvertAll(ContentLineText.Escape)));
            var modified = message.GetTime(PropId.LastModificationTime);
            if (modified.HasValue)
                lines.Raw("REV", CalendarTimeText.Utc(modified.Value));
            lines.Raw("END", "VCARD");
            return lines.ToString();
        }

        private static void WriteContact(MessageObject message, ContentLineWriter lines)
        {
            var name = new[]
            {
                message.GetString(PropId.Surname),
                message.GetString(PropId.GivenName),
                message.GetString(PropId.MiddleName),
                message.GetString(PropId.DisplayNamePrefix),
                message.GetString(PropId.Generation),
            };
            lines.Raw("N", string.Join(";", Array.ConvertAll(name, n => ContentLineText.Escape(n ?? ""))));
            lines.Text("NICKNAME", message.GetString(PropId.Nickname));
            var company = message.GetString(PropId.CompanyName);
            var department = message.GetString(PropId.DepartmentName);
            if (!string.IsNullOrEmpty(company) || !string.IsNullOrEmpty(department))
                lines.Raw("ORG", ContentLineText.Escape(company ?? "") + (string.IsNullOrEmpty(department) ? "" : ";" + ContentLineText.Escape(department!)));
            lines.Text("TITLE", message.GetString(PropId.Title));
            lines.Text("ROLE", message.GetString(0x3A46)); // PidTagProfession

            var first = true;
            foreach (var (addressLid, typeLid) in new[] { (Lid.Email1EmailAddress, Lid.Email1AddressType), (Lid.Email2EmailAddress, Lid.Email2AddressType), (Lid.Email3EmailAddress, Lid.Email3AddressType) })
            {
                var address = MessageObject.InternetAddress(message.GetNamedString(PropertySet.Address, typeLid), message.GetNamedString(PropertySet.Address, addressLid), null);
                if (address == null)
                    continue;
                lines.Raw(first ? "EMAIL;TYPE=INTERNET,PREF" : "EMAIL;TYPE=INTERNET", ContentLineText.Escape(address));
                first = false;
            }

            var seenPhones = new HashSet<string>();
            foreach (var (id, type) in Phones)
            {
                var number = message.GetString(id)?.Trim();
                if (!string.IsNullOrEmpty(number) && seenPhones.Add(type + "|" + number))
                    lines.Raw("TEL;TYPE=" + type, ContentLineText.Escape(number!));
            }

            Address(lines, "HOME", message.GetString(PropId.HomeAddressStreet), message.GetString(PropId.HomeAddressCity), message.GetString(PropId.HomeAddressStateOrProvince),
                message.GetString(PropId.HomeAddressPostalCode), message.GetString(PropId.HomeAddressCountry), message.GetString(0x3A5E), message.GetNamedString(PropertySet.Address, Lid.HomeAddress));
            Address(lines, "WORK", message.GetNamedString(PropertySet.Address, Lid.WorkAddressStreet), message.GetNamedString(PropertySet.Address, Lid.WorkAddressCity),
                message.GetNamedString(PropertySet.Address, Lid.WorkAddressState), message.GetNamedString(PropertySet.Address, Lid.WorkAddressPostalCode),
                message.GetNamedString(PropertySet.Address, Lid.WorkAddressCountry), message.GetNamedString(PropertySet.Address, Lid.WorkAddressPostOfficeBox),
                message.GetNamedString(PropertySet.Address, Lid.WorkAddress));
            Address(lines, "POSTAL", message.GetString(0x3A63), message.GetString(0x3A5F), message.GetString(0x3A62), message.GetString(0x3A61), message.GetString(0x3A60),
                message.GetString(0x3A64), message.GetNamedString(PropertySet.Address, Lid.OtherAddress));

            lines.Text("URL;TYPE=WORK", message.GetString(PropId.BusinessHomePage));
            lines.Text("URL;TYPE=HOME", message.GetString(PropId.PersonalHomePage));
            lines.Text("X-MS-IMADDRESS", message.GetNamedString(PropertySet.Address, Lid.InstantMessagingAddress));
            var birthday = Day(message.GetTime(PropId.Birthday));
            if (birthday != null)
                lines.Raw("BDAY", birthday);
            var anniversary = Day(message.GetTime(PropId.Anniversary));
            if (anniversary != null)
                lines.Raw("X-ANNIVERSARY", anniversary);
            lines.Text("X-MS-FILE-AS", message.GetNamedString(PropertySet.Address, Lid.FileUnder));

            foreach (var attachment in message.Attachments)
            {
                // PidTagAttachmentContactPhoto marks the contact's picture.
                if (attachment.Properties.Get(0x7FFF)?.AsBoolean() != true || attachment.IsEmbeddedMessage)
                    continue;
                var data = attachment.GetContent();
                if (data.Length == 0)
                    continue;
                var type = data.Length > 3 && data[0] == 0x89 && data[1] == (byte)'P' ? "PNG" : data.Length > 2 && data[0] == (byte)'G' && data[1] == (byte)'I' ? "GIF" : "JPEG";
                lines.Raw("PHOTO;ENCODING=b;TYPE=" + type, Convert.ToBase64String(data));
                break;
            }
        }

        /// <summary>ADR: post office box; extended; street; city; region; postal code; country. A free-form address alone goes in the street.</summary>
        private static void Address(ContentLineWriter lines, string type, string? street, string? city, string? region, string? postalCode, string? country, string? box, string? whole)
        {
            var parts = new[] { box, "", street, city, region, postalCode, country };
            var structured = Array.Exists(parts, p => !string.IsNullOrWhiteSpace(p));
            if (!structured)
            {
                if (string.IsNullOrWhiteSpace(whole))
                    return;
                parts[2] = whole;
            }

            lines.Raw("ADR;TYPE=" + type, string.Join(";", Array.ConvertAll(parts, p => ContentLineText.Escape(p ?? ""))));
            if (!string.IsNullOrWhiteSpace(whole))
                lines.Text("LABEL;TYPE=" + type, whole);
        }

        /// <summary>Outlook stores birthdays as local midnight in UTC; the nearest midnight gives the calendar day.</summary>
        private static string? Day(DateTimeOffset? value)
        {
            if (!value.HasValue || value.Value.Year < 1700 || value.Value.Year > 4000)
                return null;
            return value.Value.UtcDateTime.AddHours(12).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        private static string Uid(MessageObject message)
        {
            var key = message.GetBinary(0x300B); // PidTagSearchKey
            return key != null && key.Length > 0 ? "pst-" + Hex(key) : $"pst-nid-{message.Node.Nid:x}";
        }

        public static string Hex(byte[] data)
        {
            var builder = new StringBuilder(data.Length * 2);
            foreach (var b in data)
                builder.Append(b.ToString("X2", CultureInfo.InvariantCulture));
            return builder.ToString();
        }

        /// <summary>The members of a distribution list that are one-off entry IDs: display name, address type, address.</summary>
        private static List<(string Name, string Address)> ListMembers(MessageObject message)
        {
            var result = new List<(string, string)>();
            var members = message.GetNamed(PropertySet.Address, Lid.DistributionListOneOffMembers)?.AsMultipleVariable()
                ?? message.GetNamed(PropertySet.Address, Lid.DistributionListMembers)?.AsMultipleVariable();
            if (members == null)
                return result;
            foreach (var entry in members)
            {
                var member = ParseOneOff(entry);
                if (member != null && member.Value.Address.IndexOf('@') > 0)
                    result.Add(member.Value);
            }

            return result;
        }

        /// <summary>One-off entry ID ([MS-OXCDATA] 2.2.5.1): flags, provider UID, version, flags, then display name, type and address as strings.</summary>
        private static (string Name, string Address)? ParseOneOff(byte[] entry)
        {
            if (entry.Length < 24)
                return null;
            for (var i = 0; i < 16; i++)
            {
                if (entry[4 + i] != OneOffProvider[i])
                    return null;
            }

            var unicode = (entry[23] & 0x80) != 0;
            var offset = 24;
            var name = ReadString(entry, ref offset, unicode);
            ReadString(entry, ref offset, unicode);
            var address = ReadString(entry, ref offset, unicode);
            return (name, address);
        }

        private static string ReadString(byte[] data, ref int offset, bool unicode)
        {
            var start = offset;
            if (unicode)
            {
                while (offset + 1 < data.Length && (data[offset] != 0 || data[offset + 1] != 0))
                    offset += 2;
                var text = Encoding.Unicode.GetString(data, start, Math.Max(0, offset - start));
                offset = Math.Min(data.Length, offset + 2);
                return text;
            }

            while (offset < data.Length && data[offset] != 0)
                offset++;
            var ansi = Encodings.Default.GetString(data, start, offset - start);
            offset = Math.Min(data.Length, offset + 1);
            return ansi;
        }
    }
}
