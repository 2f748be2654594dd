using System.Collections.Generic;

namespace Omm.Engine.Connectors.Ews.Groupware
{
    /// <summary>An Exchange item written as vCard or iCalendar text, with what the text could not carry.</summary>
    internal sealed class EwsItemText
    {
        public EwsItemText(string text, IReadOnlyList<string> losses)
        {
            Text = text;
            Losses = losses;
        }

        /// <summary>vCard 3.0 or a VCALENDAR, CRLF line ends, folded at 75 octets.</summary>
        public string Text { get; }

        /// <summary>One sentence per field that has no place in the text, naming it; empty when everything was copied.</summary>
        public IReadOnlyList<string> Losses { get; }
    }
}
