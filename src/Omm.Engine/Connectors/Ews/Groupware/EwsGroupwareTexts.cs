using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using Omm.Engine.Calendars;
using Omm.Engine.Contacts;
using Omm.Engine.ContentLines;

namespace Omm.Engine.Connectors.Ews.Groupware
{
    /// <summary>
    /// Between the vCard/iCalendar text the contacts/calendars/tasks pass carries and Exchange's typed items: which mapping
    /// each content takes, where Omm's mark goes, and what to ask Exchange for to read an item back.
    /// </summary>
    internal static class EwsGroupwareTexts
    {
        /// <summary>The elements of ItemType that come before its extended properties (types.xsd).</summary>
        private static readonly HashSet<string> BeforeExtended = new HashSet<string>(StringComparer.Ordinal)
        {
            "MimeContent", "ItemId", "ParentFolderId", "ItemClass", "Subject", "Sensitivity", "Body", "Attachments", "DateTimeReceived", "Size",
            "Categories", "Importance", "InReplyTo", "IsSubmitted", "IsDraft", "IsFromMe", "IsResend", "IsUnmodified", "InternetMessageHeaders",
            "DateTimeSent", "DateTimeCreated", "ResponseObjects", "ReminderDueBy", "ReminderIsSet", "ReminderNextTime", "ReminderMinutesBeforeStart",
            "DisplayCc", "DisplayTo", "HasAttachments", "ExtendedProperty",
        };

        /// <summary>The item to create for a vCard or an iCalendar object, and its UID.</summary>
        /// <param name="mailbox">The mailbox written into (the organizer of meetings made there).</param>
        /// <exception cref="FormatException">The text cannot be read or mapped.</exception>
        public static (EwsGroupwareDraft Draft, string Uid) ToDraft(string contentType, string data, string mailbox)
        {
            var none = Array.Empty<XElement>();
            try
            {
                if (contentType.StartsWith("text/vcard", StringComparison.OrdinalIgnoreCase))
                {
                    var card = VCard.Parse(data);
                    var uid = card.Uid ?? throw new FormatException("The vCard has no UID.");
                    var contact = card.IsGroup ? EwsDistributionListMapping.ToEws(card, none) : EwsContactMapping.ToEws(card, none);
                    return (new EwsGroupwareDraft(ItemType.Contacts, contact.Item, Array.Empty<EwsOccurrenceChange>(), contact.Photo, contact.Losses), uid);
                }

                var calendar = CalendarObject.Parse(data);
                if (calendar.Kind == CalendarItemKind.Todo)
                {
                    var task = EwsTaskMapping.ToEws(calendar, none);
                    return (new EwsGroupwareDraft(ItemType.Tasks, task.Item, Array.Empty<EwsOccurrenceChange>(), null, task.Losses), calendar.Uid);
                }

                var appointment = EwsCalendarMapping.ToEws(calendar, none, mailbox: mailbox);
                return (new EwsGroupwareDraft(ItemType.Calendar, appointment.Item, appointment.Occurrences, null, appointment.Losses), calendar.Uid);
            }
            catch (ContentLineFormatException e)
            {
                throw new FormatException(e.Message, e);
            }
        }

        /// <summary>Puts Omm's mark among the item's extended properties, where the schema wants them.</summary>
        public static void Mark(XElement item, EwsItemMark mark)
        {
            var before = item.Elements().TakeWhile(e => e.Name.Namespace == EwsNames.T && BeforeExtended.Contains(e.Name.LocalName)).LastOrDefault();
            if (before != null)
                before.AddAfterSelf(mark.ToElement());
            else
                item.AddFirst(mark.ToElement());
        }

        /// <summary>What GetItem must ask to read items of a class back.</summary>
        public static IReadOnlyList<XElement> Fields(string itemClass)
        {
            switch (FieldsKey(itemClass))
            {
                case EwsGroupwareClasses.Contact:
                    return EwsGroupwareShapes.Contact;
                case EwsGroupwareClasses.DistributionList:
                    return EwsGroupwareShapes.DistributionList;
                case EwsGroupwareClasses.Appointment:
                    return EwsGroupwareShapes.CalendarItem;
                case EwsGroupwareClasses.Task:
                    return EwsGroupwareShapes.Task;
                default:
                    return Array.Empty<XElement>();
            }
        }

        /// <summary>What GetItem must ask to read an exception of a series.</summary>
        public static IReadOnlyList<XElement> OccurrenceFields => EwsGroupwareShapes.Occurrence;

        /// <summary>Classes read with the same fields share this key (IPM.Appointment.Occurrence with IPM.Appointment...).</summary>
        public static string FieldsKey(string itemClass)
        {
            foreach (var known in new[] { EwsGroupwareClasses.Contact, EwsGroupwareClasses.DistributionList, EwsGroupwareClasses.Appointment, EwsGroupwareClasses.Task })
            {
                if (itemClass.Equals(known, StringComparison.OrdinalIgnoreCase) || itemClass.StartsWith(known + ".", StringComparison.OrdinalIgnoreCase))
                    return known;
            }

            return string.Empty;
        }

        /// <summary>An item read whole as vCard or iCalendar text.</summary>
        /// <param name="exceptions">A series' exceptions, each read by its own id.</param>
        /// <param name="uid">The UID to give it when it has none of its own.</param>
        /// <param name="losses">Receives what the text cannot say of the item.</param>
        /// <exception cref="FormatException">What Exchange gave cannot be read.</exception>
        public static string ToText(XElement item, IReadOnlyList<XElement> exceptions, EwsContactPhoto? photo, string uid, List<string> losses)
        {
            EwsItemText text;
            switch (item.Name.LocalName)
            {
                case "Contact":
                    text = EwsContactMapping.FromEws(item, uid, null, photo);
                    break;
                case "DistributionList":
                    text = EwsDistributionListMapping.FromEws(item, uid);
                    break;
                case "CalendarItem":
                    text = EwsCalendarMapping.FromEws(item, exceptions, uid);
                    break;
                case "Task":
                    text = EwsTaskMapping.FromEws(item, uid);
                    break;
                default:
                    throw new FormatException($"A <{item.Name.LocalName}> is not a contact, list, calendar item or task.");
            }

            losses.AddRange(text.Losses);
            return text.Text;
        }
    }
}
