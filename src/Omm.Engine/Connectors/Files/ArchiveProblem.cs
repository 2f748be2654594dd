namespace Omm.Engine.Connectors.Files
{
    /// <summary>Damage found in a folder of an archive when it was opened: recorded as an item error or warning when the folder is imported.</summary>
    public sealed class ArchiveProblem
    {
        public ArchiveProblem(ItemErrorType type, string item, string message)
        {
            Type = type;
            Item = item;
            Message = message;
        }

        public ItemErrorType Type { get; }

        /// <summary>What it concerns: "(folder)", "(subfolders)", a file or link name.</summary>
        public string Item { get; }

        public string Message { get; }
    }
}
