using System;

namespace Omm.Engine.Migrations
{
    /// <summary>What a PST folder holds, by its container class, and whether Omm migrates it.</summary>
    internal sealed class PstFolderKind
    {
        private PstFolderKind(ItemType itemType, string plural, string? notMigratedReason)
        {
            ItemType = itemType;
            Plural = plural;
            NotMigratedReason = notMigratedReason;
        }

        /// <summary>The counter its items belong to; folders Omm does not migrate count as mail.</summary>
        public ItemType ItemType { get; }

        /// <summary>What its items are, in the plural.</summary>
        public string Plural { get; }

        /// <summary>Null when Omm migrates such folders; else why it does not.</summary>
        public string? NotMigratedReason { get; }

        public bool Migrated => NotMigratedReason == null;

        /// <param name="containerClass">PidTagContainerClass: IPF.Note, IPF.Contact, IPF.Appointment, IPF.Task, IPF.StickyNote, IPF.Journal...; none for plain mail folders.</param>
        public static PstFolderKind Of(string? containerClass)
        {
            if (containerClass == null || Is(containerClass, "IPF.Note") || Is(containerClass, "IPF.Imap"))
                return new PstFolderKind(ItemType.Mail, "messages", null);
            if (Is(containerClass, "IPF.Contact"))
                return new PstFolderKind(ItemType.Contacts, "contacts", null);
            if (Is(containerClass, "IPF.Appointment"))
                return new PstFolderKind(ItemType.Calendar, "calendar items", null);
            if (Is(containerClass, "IPF.Task"))
                return new PstFolderKind(ItemType.Tasks, "tasks", null);
            if (Is(containerClass, "IPF.StickyNote"))
                return new PstFolderKind(ItemType.Mail, "notes", "Omm does not migrate Outlook notes");
            if (Is(containerClass, "IPF.Journal"))
                return new PstFolderKind(ItemType.Mail, "journal entries", "Omm does not migrate Outlook journal entries");
            return new PstFolderKind(ItemType.Mail, "items", $"Omm does not migrate folders of this kind ({containerClass})");
        }

        private static bool Is(string containerClass, string prefix) => containerClass.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);
    }
}
