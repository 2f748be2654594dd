using System.Collections.Generic;
using System.Xml.Linq;

namespace Omm.Engine.Connectors.Ews.Groupware
{
    /// <summary>
    /// An iCalendar event made ready for Exchange: the t:CalendarItem for CreateItem (SendMeetingInvitations="SendToNone"),
    /// then the changes of its occurrences, and what did not fit.
    /// </summary>
    internal sealed class EwsCalendarDraft
    {
        public EwsCalendarDraft(XElement item, IReadOnlyList<EwsOccurrenceChange> occurrences, IReadOnlyList<string> losses)
        {
            Item = item;
            Occurrences = occurrences;
            Losses = losses;
        }

        public XElement Item { get; }

        /// <summary>Deleted and changed occurrences, in series order; empty for a single event.</summary>
        public IReadOnlyList<EwsOccurrenceChange> Occurrences { get; }

        /// <summary>One sentence per property or part that Exchange cannot hold, naming it; empty when everything was copied.</summary>
        public IReadOnlyList<string> Losses { get; }
    }
}
