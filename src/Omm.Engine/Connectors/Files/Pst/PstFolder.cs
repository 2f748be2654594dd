using System.Collections.Generic;
using Omm.Engine.Connectors.Files.Pst.Ltp;
using Omm.Engine.Connectors.Files.Pst.Messaging;
using Omm.Engine.Connectors.Files.Pst.Ndb;

namespace Omm.Engine.Connectors.Files.Pst
{
    /// <summary>
    /// A folder: its property context (name, container class), its subfolders (hierarchy table, plus any
    /// folder whose node names this one as parent) and its messages (contents table, plus any message whose
    /// node names this one as parent, so that a damaged table loses nothing).
    /// </summary>
    public sealed class PstFolder
    {
        /// <summary>Deeper than any real folder tree; a deeper one is taken for a loop.</summary>
        private const int MaxDepth = 200;

        private readonly PstFile _file;
        private readonly PstFolder? _parent;
        private readonly int _depth;
        private PropertyContext? _properties;
        private IReadOnlyList<PstFolder>? _subfolders;

        internal PstFolder(PstFile file, uint nid, PstFolder? parent)
        {
            _file = file;
            Nid = nid;
            _parent = parent;
            _depth = parent == null ? 0 : parent._depth + 1;
        }

        public uint Nid { get; }

        /// <summary>PidTagDisplayName.</summary>
        public string Name => Read(() => Properties.Get(PropId.DisplayName)?.AsString(Encodings.Default) ?? "");

        /// <summary>PidTagContainerClass: IPF.Note, IPF.Contact, IPF.Appointment, IPF.Task, IPF.StickyNote, IPF.Journal, ...</summary>
        public string? ContainerClass => Read(() => Properties.Get(PropId.ContainerClass)?.AsString(Encodings.Default));

        /// <summary>The folder's role, from the store's and root folder's special entry IDs, else its container class or name.</summary>
        public PstSpecialFolder Special => Read(() => _file.SpecialOf(this));

        public PstFolder? Parent => _parent;

        /// <summary>PidTagContentCount as stored (the messages the folder claims to hold).</summary>
        public int ContentCount => Read(() => Properties.Get(PropId.ContentCount)?.AsInt32() ?? 0);

        /// <summary>The normal subfolders (search folders, which only point at other folders' messages, are left out).</summary>
        public IReadOnlyList<PstFolder> Subfolders => Read(() => _subfolders ??= LoadSubfolders());

        /// <summary>The folder's messages, read lazily; associated (FAI) items are skipped.</summary>
        public IEnumerable<PstMessage> Messages()
        {
            return PstGuard.Enumerate(EnumerateMessages, () => $"the messages of folder NID 0x{Nid:X}");
        }

        public override string ToString() => $"folder NID 0x{Nid:X}";

        internal PropertyContext Properties => _properties ??= new PropertyContext(LtpNode.Open(_file.Database, Nid, "folder"));

        /// <summary>The folder's associated (FAI) items: views, rules, forms. Not messages; counted by some tools.</summary>
        internal IReadOnlyList<uint> AssociatedNids => Read(() => _file.Database.ChildrenOf(Nid, NidType.AssociatedMessage));

        internal bool IsAncestorOrSelf(uint nid)
        {
            for (var folder = this; folder != null; folder = folder._parent)
            {
                if (folder.Nid == nid)
                    return true;
            }

            return false;
        }

        private IReadOnlyList<PstFolder> LoadSubfolders()
        {
            if (_depth >= MaxDepth)
                throw new PstFormatException($"Folder NID 0x{Nid:X} is {_depth} levels deep: the folder hierarchy loops.");
            var db = _file.Database;
            var candidates = new List<uint>();
            var tableNid = NidType.WithType(Nid, NidType.HierarchyTable);
            if (db.FindNode(tableNid) != null)
            {
                try
                {
                    var table = new TableContext(LtpNode.Open(db, tableNid, "hierarchy table"));
                    for (var i = 0; i < table.RowCount; i++)
                        candidates.Add(table.RowId(i));
                }
                catch (PstFormatException e)
                {
                    // The node B-tree parent links below still find the subfolders.
                    db.AddWarning($"The hierarchy table of folder NID 0x{Nid:X} is damaged; its subfolders were found through the node B-tree: {e.Message}");
                }
            }

            candidates.AddRange(db.ChildrenOf(Nid, NidType.NormalFolder));

            var result = new List<PstFolder>();
            var seen = new HashSet<uint>();
            foreach (var nid in candidates)
            {
                // Search folders (which only point at other folders' messages), a folder listed twice, and a link back
                // up the tree lose nothing by being left out.
                if (NidType.Of(nid) != NidType.NormalFolder || !seen.Add(nid) || IsAncestorOrSelf(nid))
                    continue;
                if (db.FindNode(nid) == null)
                {
                    db.AddWarning($"The hierarchy table of folder NID 0x{Nid:X} lists folder NID 0x{nid:X}, which is missing from the node B-tree: that folder cannot be read.");
                    continue;
                }

                if (!_file.ClaimFolder(nid))
                    continue;
                result.Add(new PstFolder(_file, nid, this));
            }

            return result;
        }

        private IEnumerable<PstMessage> EnumerateMessages()
        {
            var db = _file.Database;
            var nids = new List<uint>();
            var tableNid = NidType.WithType(Nid, NidType.ContentsTable);
            if (db.FindNode(tableNid) != null)
            {
                try
                {
                    var table = new TableContext(LtpNode.Open(db, tableNid, "contents table"));
                    for (var i = 0; i < table.RowCount; i++)
                        nids.Add(table.RowId(i));
                }
                catch (PstFormatException e)
                {
                    // The node B-tree parent links below still find the messages.
                    db.AddWarning($"The contents table of folder NID 0x{Nid:X} is damaged; its messages were found through the node B-tree: {e.Message}");
                }
            }

            nids.AddRange(db.ChildrenOf(Nid, NidType.NormalMessage));

            var seen = new HashSet<uint>();
            foreach (var nid in nids)
            {
                // A message listed twice is read once. One missing from the node B-tree is still given: reading it
                // fails, so that it is reported as an item that cannot be read rather than left out unseen.
                if (NidType.Of(nid) != NidType.NormalMessage || !seen.Add(nid))
                    continue;
                yield return _file.CreateMessage(nid);
            }
        }

        private T Read<T>(System.Func<T> read) => PstGuard.Run(read, () => $"folder NID 0x{Nid:X}");
    }
}
