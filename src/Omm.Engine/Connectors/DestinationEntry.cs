namespace Omm.Engine.Connectors
{
    /// <summary>An item of a destination collection as a listing shows it: its key and version, without its content.</summary>
    internal sealed class DestinationEntry
    {
        public DestinationEntry(string key, string? version)
        {
            Key = key;
            Version = version;
        }

        public string Key { get; }

        /// <summary>Changes whenever the item changes there; null when the destination gives none.</summary>
        public string? Version { get; }

        public override string ToString() => $"{Key} {Version}";
    }
}
