using System.Collections.Generic;
using System.Xml.Linq;

namespace Omm.Engine.Connectors.Ews.Groupware
{
    /// <summary>
    /// An item to create in Exchange, mapped from a vCard or an iCalendar object: the item element, then what Exchange only
    /// takes after it exists (the exceptions of a series, a contact's photo), and what it cannot keep.
    /// </summary>
    internal sealed class EwsGroupwareDraft
    {
        public EwsGroupwareDraft(ItemType type, XElement item, IReadOnlyList<EwsOccurrenceChange> occurrences, EwsContactPhoto? photo, IReadOnlyList<string> losses)
        {
            Type = type;
            Item = item;
            Occurrences = occurrences;
            Photo = photo;
            Losses = losses;
        }

        public ItemType Type { get; }

        /// <summary>t:Contact, t:DistributionList, t:CalendarItem or t:Task, Omm's mark among its extended properties.</summary>
        public XElement Item { get; }

        /// <summary>For a series: its modified and deleted occurrences, by position.</summary>
        public IReadOnlyList<EwsOccurrenceChange> Occurrences { get; }

        public EwsContactPhoto? Photo { get; }

        /// <summary>What Exchange cannot keep, one sentence each naming the property.</summary>
        public IReadOnlyList<string> Losses { get; }

        /// <summary>Whether the item needs more calls once created.</summary>
        public bool HasSteps => Occurrences.Count > 0 || Photo != null;
    }
}
