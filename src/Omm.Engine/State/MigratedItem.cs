using Omm.Engine.Mail;

namespace Omm.Engine.State
{
    /// <summary>
    /// One message copied by a migration: where it came from, where it went, its fingerprint and the flags
    /// set on the copy. <see cref="RowId"/> is 0 until it is recorded.
    /// </summary>
    public sealed class MigratedItem
    {
        public MigratedItem(long rowId, int syncPoint, string sourceFolder, string sourceKey,
            string destinationFolder, string? destinationKey, MessageFingerprint fingerprint, string flags)
        {
            RowId = rowId;
            SyncPoint = syncPoint;
            SourceFolder = sourceFolder;
            SourceKey = sourceKey;
            DestinationFolder = destinationFolder;
            DestinationKey = destinationKey;
            Fingerprint = fingerprint;
            Flags = flags;
        }

        /// <summary>A copy not recorded yet.</summary>
        public static MigratedItem New(int syncPoint, string sourceFolder, string sourceKey, string destinationFolder,
            string? destinationKey, MessageFingerprint fingerprint, string flags) =>
            new MigratedItem(0, syncPoint, sourceFolder, sourceKey, destinationFolder, destinationKey, fingerprint, flags);

        public long RowId { get; }

        public int SyncPoint { get; }

        public string SourceFolder { get; }

        /// <summary>The message's key in its source folder, as its connector gives it (IMAP "UIDVALIDITY:UID", a POP3 UIDL, a key in a file).</summary>
        public string SourceKey { get; }

        public string DestinationFolder { get; }

        /// <summary>The copy's key in its destination folder (IMAP "UIDVALIDITY:UID"); null when the destination did not say (no UIDPLUS).</summary>
        public string? DestinationKey { get; }

        public MessageFingerprint Fingerprint { get; }

        /// <summary>The flags and keywords set on the copy, as <see cref="Omm.Engine.Connectors.Imap.FlagText"/> writes them.</summary>
        public string Flags { get; }
    }
}
