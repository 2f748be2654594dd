using System.Collections.Generic;

namespace Omm.Engine.Connectors.Ews.Groupware
{
    /// <summary>A contact, calendar item (with its exceptions) or task read from Exchange as vCard or iCalendar text, or why it could not be.</summary>
    internal sealed class EwsReadItem
    {
        public EwsReadItem(string id, string? changeKey, ItemType? type, string? text, IReadOnlyList<string> losses, string? error, bool missing = false)
        {
            Id = id;
            ChangeKey = changeKey;
            Type = type;
            Text = text;
            Losses = losses;
            Error = error;
            Missing = missing;
        }

        public string Id { get; }

        public string? ChangeKey { get; }

        public ItemType? Type { get; }

        /// <summary>The item as a vCard or a VCALENDAR; null when it could not be read.</summary>
        public string? Text { get; }

        /// <summary>What the vCard/iCalendar cannot say of the item, one sentence each.</summary>
        public IReadOnlyList<string> Losses { get; }

        public string? Error { get; }

        /// <summary>It is gone from the mailbox.</summary>
        public bool Missing { get; }
    }
}
