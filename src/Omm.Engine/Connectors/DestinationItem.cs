namespace Omm.Engine.Connectors
{
    /// <summary>An item read from a destination collection: a vCard or an iCalendar object.</summary>
    internal sealed class DestinationItem
    {
        public DestinationItem(string key, string? version, string data)
        {
            Key = key;
            Version = version;
            Data = data;
        }

        public string Key { get; }

        /// <summary>Changes whenever the item changes there; null when the destination gives none.</summary>
        public string? Version { get; }

        /// <summary>The content as the destination keeps it (which may differ from what was written in line ends and folding).</summary>
        public string Data { get; }
    }
}
