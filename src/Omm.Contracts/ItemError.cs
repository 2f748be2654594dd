using System;

namespace Omm
{
    /// <summary>One item a migration could not copy, or copied with a warning.</summary>
    public sealed class ItemError
    {
        /// <summary>Creates an item error.</summary>
        public ItemError(ItemErrorType type, ItemType itemType, string folder, string itemName, string message, DateTimeOffset occurredAt)
        {
            Type = type;
            ItemType = itemType;
            Folder = folder;
            ItemName = itemName;
            Message = message;
            OccurredAt = occurredAt;
        }

        /// <summary>Error (not copied) or Warning (copied, see message).</summary>
        public ItemErrorType Type { get; }

        /// <summary>The kind of item.</summary>
        public ItemType ItemType { get; }

        /// <summary>The source folder the item is in.</summary>
        public string Folder { get; }

        /// <summary>What identifies the item for a person: subject and source UID for mail.</summary>
        public string ItemName { get; }

        /// <summary>What went wrong.</summary>
        public string Message { get; }

        /// <summary>When it happened.</summary>
        public DateTimeOffset OccurredAt { get; }
    }
}
