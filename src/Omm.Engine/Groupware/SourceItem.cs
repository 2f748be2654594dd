using System.Collections.Generic;
using Omm.Engine.Calendars;
using Omm.Engine.Contacts;

namespace Omm.Engine.Groupware
{
    /// <summary>A contact, or the events or task of one UID, read from a source; or why it could not be read.</summary>
    internal sealed class SourceItem
    {
        private SourceItem(SourceEntry entry, VCard? card, CalendarObject? calendar, string? data, string? error)
        {
            Entry = entry;
            Card = card;
            Calendar = calendar;
            SourceData = data;
            Error = error;
        }

        public static SourceItem Contact(SourceEntry entry, VCard card) => new SourceItem(entry, card, null, null, null);

        /// <param name="data">The resource exactly as the source holds it, when it can be written as it is; else null to write the object's text.</param>
        public static SourceItem CalendarItem(SourceEntry entry, CalendarObject calendar, string? data) => new SourceItem(entry, null, calendar, data, null);

        public static SourceItem Unreadable(SourceEntry entry, string error) => new SourceItem(entry, null, null, null, error);

        public SourceEntry Entry { get; }

        public VCard? Card { get; }

        public CalendarObject? Calendar { get; }

        /// <summary>The source's own bytes for a calendar resource that needs no change.</summary>
        public string? SourceData { get; }

        /// <summary>Why the item could not be read; null when it was.</summary>
        public string? Error { get; }

        public ItemType Type => Card != null ? ItemType.Contacts
            : Calendar?.Kind == CalendarItemKind.Todo ? ItemType.Tasks
            : Entry.Type ?? ItemType.Calendar;

        public string Uid => Card?.Uid ?? Calendar?.Uid ?? Entry.Key;

        /// <summary>What names it for a person: the contact's name or the event's summary, with its UID.</summary>
        public string Name
        {
            get
            {
                var title = Card?.Name ?? Calendar?.Summary;
                return string.IsNullOrEmpty(title) ? $"UID {Uid}" : $"{title} (UID {Uid})";
            }
        }

        public IEnumerable<string> Warnings
        {
            get
            {
                if (Card?.UidWasAssigned == true || Calendar?.UidWasAssigned == true)
                    yield return $"It had no UID, which servers require; Omm gave it the UID {Uid} (the same on every import of the same item).";
                if (Calendar != null && Calendar.MissingTimeZones.Count > 0)
                    yield return $"It refers to time zone(s) {string.Join(", ", Calendar.MissingTimeZones)} that the source does not define (no VTIMEZONE); " +
                                 "the destination may read those times differently.";
            }
        }
    }
}
