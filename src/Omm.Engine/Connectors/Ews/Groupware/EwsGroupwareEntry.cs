using System;
using System.Xml.Linq;

namespace Omm.Engine.Connectors.Ews.Groupware
{
    /// <summary>
    /// A contact, distribution list, calendar item or task as a folder listing shows it: id, version, class, Omm's mark and,
    /// when asked, a calendar item's own UID.
    /// </summary>
    internal sealed class EwsGroupwareEntry
    {
        public EwsGroupwareEntry(string id, string changeKey, string itemClass, EwsItemMark? mark, string? calendarUid = null)
        {
            Id = id;
            ChangeKey = changeKey;
            ItemClass = itemClass;
            Mark = mark;
            CalendarUid = calendarUid;
        }

        public string Id { get; }

        /// <summary>Changes whenever the item changes: the item's version.</summary>
        public string ChangeKey { get; }

        /// <summary>IPM.Contact, IPM.DistList, IPM.Appointment, IPM.Task (or a subclass of one).</summary>
        public string ItemClass { get; }

        public EwsItemMark? Mark { get; }

        /// <summary>A calendar item's t:UID (iCalendar's UID), which Exchange keeps on every copy of the item; null when not listed.</summary>
        public string? CalendarUid { get; }

        public ItemType? Type => EwsGroupwareClasses.TypeOf(ItemClass);

        public static EwsGroupwareEntry Parse(XElement item)
        {
            var id = item.Element(EwsNames.T + "ItemId") ?? throw new FormatException($"A <{item.Name.LocalName}> has no ItemId.");
            return new EwsGroupwareEntry((string?)id.Attribute("Id") ?? throw new FormatException("An ItemId has no Id."),
                (string?)id.Attribute("ChangeKey") ?? string.Empty,
                (string?)item.Element(EwsNames.T + "ItemClass") ?? EwsGroupwareClasses.Of(item.Name.LocalName),
                EwsItemMark.Of(item),
                ((string?)item.Element(EwsNames.T + "UID"))?.Trim());
        }
    }
}
