using System;
using System.Collections.Generic;
using System.Linq;

namespace Omm.Engine.Folders
{
    /// <summary>Where a source folder goes in the destination, and why its name there differs from its own.</summary>
    public sealed class MappedFolder
    {
        public MappedFolder(string destinationPath, IReadOnlyList<string>? renameReasons = null, bool fromEarlierPass = false)
        {
            DestinationPath = destinationPath;
            RenameReasons = renameReasons ?? Array.Empty<string>();
            FromEarlierPass = fromEarlierPass;
        }

        public string DestinationPath { get; }

        /// <summary>
        /// Why the folder's own name was changed (characters replaced, shortened, kept apart from another
        /// source folder); empty when it keeps its name (with the destination's separator and prefix, or
        /// in the destination folder of the same role).
        /// </summary>
        public IReadOnlyList<string> RenameReasons { get; }

        public bool NameChanged => RenameReasons.Count > 0;

        /// <summary>True when the pairing was recorded by an earlier pass and is kept as it was.</summary>
        public bool FromEarlierPass { get; }

        /// <summary>The same pairing with reasons given by the source itself (an archive that had to change a name) told first.</summary>
        public MappedFolder WithSourceReasons(IReadOnlyList<string> sourceReasons) =>
            sourceReasons.Count == 0 ? this : new MappedFolder(DestinationPath, sourceReasons.Concat(RenameReasons).ToList(), FromEarlierPass);

        /// <summary>The warning that tells the user where a renamed folder went.</summary>
        public string RenameWarning(string sourceFolder, string destinationFolder) =>
            $"The source folder '{SafeFolderName.Printable(sourceFolder)}' is copied to '{SafeFolderName.Printable(destinationFolder)}': "
            + string.Join("; ", RenameReasons) + ".";
    }
}
