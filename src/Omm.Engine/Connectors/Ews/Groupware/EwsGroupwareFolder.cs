using Omm.Engine.Connectors.Dav;

namespace Omm.Engine.Connectors.Ews.Groupware
{
    /// <summary>A contacts, calendar or task folder of a mailbox.</summary>
    internal sealed class EwsGroupwareFolder
    {
        public EwsGroupwareFolder(EwsFolder folder, ItemType type, bool isDefault)
        {
            Folder = folder;
            Type = type;
            IsDefault = isDefault;
        }

        public EwsFolder Folder { get; }

        public ItemType Type { get; }

        /// <summary>The mailbox's own Contacts, Calendar or Tasks (found by distinguished id: their names are localised).</summary>
        public bool IsDefault { get; }

        public DavCollectionKind Kind => Type == ItemType.Contacts ? DavCollectionKind.AddressBook : DavCollectionKind.Calendar;

        /// <summary>The iCalendar components a collection of it holds: none for contacts.</summary>
        public string[] Components => Type == ItemType.Calendar ? new[] { "VEVENT" } : Type == ItemType.Tasks ? new[] { "VTODO" } : new string[0];

        public string FolderClass => Type == ItemType.Contacts ? EwsGroupwareClasses.ContactsFolder
            : Type == ItemType.Calendar ? EwsGroupwareClasses.CalendarFolder
            : EwsGroupwareClasses.TasksFolder;
    }
}
