using System.Collections.Generic;
using System.Linq;
using Omm.Engine.Calendars;
using Omm.Engine.Contacts;
using Omm.Engine.ContentLines;

namespace Omm.Engine.Connectors
{
    /// <summary>A contact, or the events or task of one UID, read from a source; or why it could not be read.</summary>
    internal sealed class SourceItem
    {
        private static readonly IReadOnlyList<ContentLineProblem> NoProblems = new ContentLineProblem[0];

        private readonly IReadOnlyList<string> _notes;

        private SourceItem(SourceEntry entry, VCard? card, CalendarObject? calendar, string? data, string? error, IReadOnlyList<string>? notes = null,
            object? native = null)
        {
            Entry = entry;
            Card = card;
            Calendar = calendar;
            SourceData = data;
            Error = error;
            _notes = notes ?? new string[0];
            Native = native;
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

        /// <summary>
        /// The source's own handle on the item, for a destination of the same kind to copy it whole (an Exchange item to
        /// export); null for most sources. Opaque to the pass.
        /// </summary>
        public object? Native { get; }

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

        /// <summary>What <see cref="WithNotes"/> added.</summary>
        public IReadOnlyList<string> Notes => _notes;

        /// <summary>What was changed or left out on the way, one sentence each: recorded as item warnings when the item is copied.</summary>
        public IEnumerable<string> Warnings
        {
            get
            {
                foreach (var problem in Card?.Warnings ?? Calendar?.Warnings ?? NoProblems)
                    yield return problem.ToString();
                foreach (var note in _notes)
                    yield return note;
                if (Card?.UidWasAssigned == true || Calendar?.UidWasAssigned == true)
                    yield return $"It had no UID, which servers require; Omm gave it the UID {Uid} (the same on every import of the same item).";
                if (Calendar != null && Calendar.MissingTimeZones.Count > 0)
                    yield return $"It refers to time zone(s) {string.Join(", ", Calendar.MissingTimeZones)} that the source does not define (no VTIMEZONE); " +
                                 "the destination may read those times differently.";
            }
        }

        /// <summary>
        /// The item with more to say about the source around it (lines of the file that belong to no item): as
        /// warnings when it can be read, else added to its error.
        /// </summary>
        public SourceItem WithNotes(IReadOnlyCollection<string> notes)
        {
            if (notes.Count == 0)
                return this;
            return Error != null
                ? new SourceItem(Entry, Card, Calendar, SourceData, Error + " Also: " + string.Join(" ", notes), _notes, Native)
                : new SourceItem(Entry, Card, Calendar, SourceData, null, _notes.Concat(notes).ToList(), Native);
        }

        /// <summary>The item with the source's own handle on it (<see cref="Native"/>).</summary>
        public SourceItem WithNative(object native) => new SourceItem(Entry, Card, Calendar, SourceData, Error, _notes, native);
    }
}
