namespace Omm.Engine.Folders
{
    /// <summary>Where a source folder goes in the destination.</summary>
    public sealed class MappedFolder
    {
        public MappedFolder(string destinationPath, bool nameChanged)
        {
            DestinationPath = destinationPath;
            NameChanged = nameChanged;
        }

        public string DestinationPath { get; }

        /// <summary>True when a name held the destination's hierarchy separator and had it replaced.</summary>
        public bool NameChanged { get; }
    }
}
