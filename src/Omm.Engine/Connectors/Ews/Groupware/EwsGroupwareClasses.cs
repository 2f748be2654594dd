using System;

namespace Omm.Engine.Connectors.Ews.Groupware
{
    /// <summary>The folder and item classes of contacts, calendars and tasks in Exchange, and the item type of each.</summary>
    internal static class EwsGroupwareClasses
    {
        public const string ContactsFolder = "IPF.Contact";
        public const string CalendarFolder = "IPF.Appointment";
        public const string TasksFolder = "IPF.Task";

        public const string Contact = "IPM.Contact";
        public const string DistributionList = "IPM.DistList";
        public const string Appointment = "IPM.Appointment";
        public const string Task = "IPM.Task";

        /// <summary>
        /// The type a folder of this class holds; null for mail and for the subclasses Exchange keeps for itself (the
        /// Recipient Cache, GAL Contacts and Organizational Contacts under Contacts, the Birthdays calendar...).
        /// </summary>
        public static ItemType? FolderType(string? folderClass)
        {
            if (string.Equals(folderClass, ContactsFolder, StringComparison.OrdinalIgnoreCase))
                return ItemType.Contacts;
            if (string.Equals(folderClass, CalendarFolder, StringComparison.OrdinalIgnoreCase))
                return ItemType.Calendar;
            if (string.Equals(folderClass, TasksFolder, StringComparison.OrdinalIgnoreCase))
                return ItemType.Tasks;
            return null;
        }

        /// <summary>The type of an item by its class (and subclasses: IPM.Appointment.Occurrence...); null for anything else.</summary>
        public static ItemType? TypeOf(string itemClass)
        {
            if (Is(itemClass, Contact) || Is(itemClass, DistributionList))
                return ItemType.Contacts;
            if (Is(itemClass, Appointment))
                return ItemType.Calendar;
            if (Is(itemClass, Task))
                return ItemType.Tasks;
            return null;
        }

        /// <summary>The class of an item by its element name (t:Contact...).</summary>
        public static string Of(string element) => element switch
        {
            "Contact" => Contact,
            "DistributionList" => DistributionList,
            "CalendarItem" => Appointment,
            "Task" => Task,
            _ => "IPM." + element,
        };

        private static bool Is(string itemClass, string baseClass) =>
            itemClass.Equals(baseClass, StringComparison.OrdinalIgnoreCase)
            || itemClass.StartsWith(baseClass + ".", StringComparison.OrdinalIgnoreCase);
    }
}
