namespace Omm.Engine.Migrations
{
    /// <summary>A folder of a file whose items a migration leaves out, how many, and why.</summary>
    public sealed class LeftOutFolder
    {
        public LeftOutFolder(string folder, ItemType itemType, string kind, int count, string reason)
        {
            Folder = folder;
            ItemType = itemType;
            Kind = kind;
            Count = count;
            Reason = reason;
        }

        /// <summary>The folder's path in the file, its levels separated by '/'.</summary>
        public string Folder { get; }

        /// <summary>The counter the items belong to (Outlook notes and journal entries are imported as mail).</summary>
        public ItemType ItemType { get; }

        /// <summary>What the items are, in the plural ("contacts", "messages").</summary>
        public string Kind { get; }

        public int Count { get; }

        /// <summary>Why they are left out, and what to do ("the destination has no CardDAV URL; give -DestinationDavUrl to migrate them").</summary>
        public string Reason { get; }

        /// <summary>"6 contacts in 'Contacts'".</summary>
        public string Items => $"{Count} {(Count == 1 ? Singular(Kind) : Kind)} in '{Folder}'";

        /// <summary>The item warning: "6 contacts in 'Contacts' were not migrated: the destination has no CardDAV URL; ...".</summary>
        public string Message => $"{Items} {(Count == 1 ? "was" : "were")} not migrated: {Reason}.";

        private static string Singular(string kind) =>
            kind.EndsWith("ies", System.StringComparison.Ordinal) ? kind.Substring(0, kind.Length - 3) + "y" : kind.TrimEnd('s');
    }
}
