namespace Omm.Engine.Connectors
{
    /// <summary>An item as a source lists it, before its content is read.</summary>
    internal sealed class SourceEntry
    {
        public SourceEntry(string key, string version, ItemType? type, string name)
        {
            Key = key;
            Version = version;
            Type = type;
            Name = name;
        }

        public string Key { get; }

        /// <summary>An ETag, or a hash of the content: changes when the item changes.</summary>
        public string Version { get; }

        /// <summary>Null when the listing does not say (a calendar holding events and tasks).</summary>
        public ItemType? Type { get; }

        /// <summary>What names it for a person before it is read (its href, its UID).</summary>
        public string Name { get; }
    }
}
