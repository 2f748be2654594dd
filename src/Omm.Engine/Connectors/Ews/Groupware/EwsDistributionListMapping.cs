using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using Omm.Engine.Contacts;
using Omm.Engine.ContentLines;
using static Omm.Engine.Connectors.Ews.Groupware.EwsItemXml;

namespace Omm.Engine.Connectors.Ews.Groupware
{
    /// <summary>
    /// A vCard group ↔ EWS t:DistributionList. Groups come as KIND:group with MEMBER (vCard 4.0), or as
    /// X-ADDRESSBOOKSERVER-KIND:group with X-ADDRESSBOOKSERVER-MEMBER (Apple, and the PST reader, which adds an
    /// EMAIL line per member too); members are mailto: addresses, their names in CN or X-CN. A member that is a
    /// reference to another card (urn:uuid:) cannot be resolved here and is a loss.
    /// </summary>
    internal static class EwsDistributionListMapping
    {
        public static EwsContactDraft ToEws(VCard group, IEnumerable<XElement> extendedProperties)
        {
            var losses = new List<string>();
            var properties = group.DecodedProperties;
            var members = new List<(string? Name, string Address)>();
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var member in properties.Where(p => p.Is("MEMBER") || p.Is("X-ADDRESSBOOKSERVER-MEMBER")))
            {
                var value = member.Value.Trim();
                if (!value.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
                {
                    losses.Add($"{member.Name} {LossNotes.Value(value)}: a member that refers to another card has no address Exchange can list; not copied.");
                    continue;
                }

                var address = Uri.UnescapeDataString(value.Substring(7)).Trim();
                var name = member.Line.Parameter("CN") ?? member.Line.Parameter("X-CN");
                if (address.Length > 0 && seen.Add(address))
                    members.Add((string.IsNullOrWhiteSpace(name) ? null : name!.Trim(), address));
            }

            // Groups that list their members as EMAIL lines only (and the PST reader's duplicate EMAIL lines).
            foreach (var email in properties.Where(p => p.Is("EMAIL") && p.Value.Trim().Length > 0))
            {
                if (seen.Add(email.Value.Trim()))
                    members.Add((null, email.Value.Trim()));
            }

            var displayName = properties.FirstOrDefault(p => p.Is("FN") && p.Value.Trim().Length > 0)?.Value.Trim() ?? group.Name;
            var item = new XElement(T("DistributionList"));
            var notes = properties.Where(p => p.Is("NOTE") && p.Value.Trim().Length > 0).Select(p => p.Value.Trim()).ToList();
            if (notes.Count > 0)
                item.Add(Body(string.Join("\n\n", notes)));
            item.Add(Categories(properties.Where(p => p.Is("CATEGORIES")).SelectMany(p => p.Components.SelectMany(c => c))));
            item.Add(extendedProperties);
            item.Add(Text("DisplayName", displayName));
            if (members.Count > 0)
            {
                item.Add(new XElement(T("Members"), members.Select(m => new XElement(T("Member"),
                    new XElement(T("Mailbox"), Text("Name", m.Name ?? m.Address), new XElement(T("EmailAddress"), Clean(m.Address)), new XElement(T("RoutingType"), "SMTP"))))));
            }

            var known = new[] { "BEGIN", "END", "VERSION", "PRODID", "REV", "UID", "FN", "N", "KIND", "X-ADDRESSBOOKSERVER-KIND", "MEMBER", "X-ADDRESSBOOKSERVER-MEMBER", "EMAIL", "NOTE", "CATEGORIES" };
            foreach (var property in properties.Where(p => !known.Any(p.Is)))
                losses.Add($"{property.Name} {(property.Data != null ? $"({property.Data.Length} bytes)" : LossNotes.Value(property.Value))}: a distribution list in Exchange has no field for it; not copied.");
            return new EwsContactDraft(item, null, losses);
        }

        /// <summary>A group vCard 3.0 (the PST reader's form) of a t:DistributionList; UID as for <see cref="EwsContactMapping.FromEws"/>.</summary>
        public static EwsItemText FromEws(XElement list, string fallbackUid, XElement? uidField = null)
        {
            var losses = new List<string>();
            var lines = new ContentLineWriter();
            lines.Raw("BEGIN", "VCARD");
            lines.Raw("VERSION", "3.0");
            lines.Raw("PRODID", "-//Omm//Exchange//EN");
            var uid = uidField == null ? null : ExtendedValue(list, uidField);
            lines.Text("UID", string.IsNullOrWhiteSpace(uid) ? fallbackUid : uid!.Trim());
            var name = Child(list, "DisplayName") ?? Child(list, "FileAs") ?? Child(list, "Subject") ?? "";
            lines.Text("FN", name);
            lines.Raw("N", ContentLineText.Escape(name) + ";;;;");
            lines.Raw("X-ADDRESSBOOKSERVER-KIND", "group");
            foreach (var member in list.Element(T("Members"))?.Elements(T("Member")) ?? Enumerable.Empty<XElement>())
            {
                var mailbox = member.Element(T("Mailbox"));
                var address = mailbox == null ? null : Child(mailbox, "EmailAddress")?.Trim();
                var memberName = mailbox == null ? null : Child(mailbox, "Name")?.Trim();
                if (address == null || address.IndexOf('@') <= 0)
                {
                    losses.Add($"Member {LossNotes.Value(memberName ?? address ?? "(no address)")}: it has no Internet address (a list inside the list, or an Exchange-internal entry); not copied.");
                    continue;
                }

                lines.Raw("EMAIL;TYPE=INTERNET", ContentLineText.Escape(address));
                var cn = string.IsNullOrEmpty(memberName) || string.Equals(memberName, address, StringComparison.OrdinalIgnoreCase) ? "" : ";X-CN=" + ContentLineText.ParameterValue(memberName!);
                lines.Raw("X-ADDRESSBOOKSERVER-MEMBER" + cn, "mailto:" + address);
            }

            lines.Text("NOTE", BodyText(list, out _)?.TrimEnd());
            var categories = ChildCategories(list);
            if (categories.Count > 0)
                lines.Raw("CATEGORIES", string.Join(",", categories.Select(ContentLineText.Escape)));
            lines.Raw("END", "VCARD");
            return new EwsItemText(lines.ToString(), losses);
        }
    }
}
