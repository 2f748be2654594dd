using System;
using System.Collections.Generic;
using System.IO;
using Omm.Engine.Connectors.Files.Pst.Ltp;
using Omm.Engine.Connectors.Files.Pst.Messaging;
using Omm.Engine.Connectors.Files.Pst.Ndb;

namespace Omm.Engine.Connectors.Files.Pst
{
    /// <summary>
    /// A read-only Outlook PST (or OST) file: ANSI, Unicode and 4K-page variants. Pages and blocks are read
    /// from the file on demand, so memory does not grow with the file's size.
    /// </summary>
    public sealed class PstFile : IDisposable
    {
        private const uint StoreNid = 0x21;
        private const uint RootFolderNid = 0x122;
        private const uint DefaultIpmSubtreeNid = 0x8022;

        private readonly NodeDatabase _db;
        private readonly PropertyContext _store;
        private readonly HashSet<uint> _claimedFolders = new HashSet<uint>();
        private readonly object _gate = new object();
        private NamedPropertyMap? _named;
        private SpecialFolders? _specials;

        private PstFile(NodeDatabase db)
        {
            _db = db;
            _store = new PropertyContext(LtpNode.Open(db, StoreNid, "message store"));
            DisplayName = _store.Get(PropId.DisplayName)?.AsString(Encodings.Default) ?? "";
            var subtree = EntryId.ToNid(_store.Get(PropId.IpmSubtreeEntryId)?.AsBinary());
            if (subtree == null || NidType.Of(subtree.Value) != NidType.NormalFolder || db.FindNode(subtree.Value) == null)
                subtree = DefaultIpmSubtreeNid;
            if (db.FindNode(subtree.Value) == null)
                throw new PstFormatException($"The IPM subtree folder (NID 0x{subtree.Value:X}) named by the message store is missing from the node B-tree.");
            _claimedFolders.Add(subtree.Value);
            Root = new PstFolder(this, subtree.Value, null);
        }

        public bool IsUnicode => _db.Layout.WideIds;

        /// <summary>The store's display name (PidTagDisplayName of NID 0x21).</summary>
        public string DisplayName { get; }

        /// <summary>The IPM subtree ("Top of Personal Folders"): the root of the folders a user sees.</summary>
        public PstFolder Root { get; }

        /// <summary>
        /// Damage the reader worked around so far (a damaged hierarchy or contents table, an unreadable part of
        /// the node B-tree): what was read is right, but items may be missing. Damage it could not work around
        /// is thrown as <see cref="PstFormatException"/> instead.
        /// </summary>
        public IReadOnlyList<string> Warnings => _db.Warnings;

        /// <summary>How many <see cref="Warnings"/> there are so far (without copying them).</summary>
        internal int WarningCount => _db.WarningCount;

        internal NodeDatabase Database => _db;

        internal PropertyContext StoreProperties => _store;

        internal NamedPropertyMap NamedProperties
        {
            get
            {
                lock (_gate)
                    return _named ??= NamedPropertyMap.Load(_db);
            }
        }

        /// <summary>Opens a PST; throws <see cref="PstFormatException"/> when the file is not a readable PST.</summary>
        public static PstFile Open(string path)
        {
            if (path == null)
                throw new ArgumentNullException(nameof(path));
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.RandomAccess);
            try
            {
                return PstGuard.Run(() =>
                {
                    var header = PstHeader.Read(stream);
                    var db = new NodeDatabase(stream, header);
                    return new PstFile(db);
                }, () => $"the file {path}");
            }
            catch
            {
                stream.Dispose();
                throw;
            }
        }

        public void Dispose() => _db.Dispose();

        internal PstMessage CreateMessage(uint nid)
        {
            return new PstMessage(this, nid, () => new MessageObject(this, LtpNode.Open(_db, nid, "message"), 0));
        }

        /// <summary>Makes each folder appear once in the tree, even when damaged tables list it twice.</summary>
        internal bool ClaimFolder(uint nid)
        {
            lock (_gate)
                return _claimedFolders.Add(nid);
        }

        internal PstSpecialFolder SpecialOf(PstFolder folder)
        {
            SpecialFolders specials;
            lock (_gate)
                specials = _specials ??= SpecialFolders.Resolve(this);
            return specials.Of(folder);
        }
    }
}
