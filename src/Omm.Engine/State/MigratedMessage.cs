using System;
using Omm.Engine.Mail;

namespace Omm.Engine.State
{
    /// <summary>One message copied by a migration: where it came from, where it went, its fingerprint and the flags set on the copy.</summary>
    public sealed class MigratedMessage
    {
        public MigratedMessage(string migrationId, int syncPoint, string sourceFolder, uint sourceUidValidity, uint sourceUid,
            string destinationFolder, uint? destinationUidValidity, uint? destinationUid, MessageFingerprint fingerprint, string flags)
        {
            MigrationId = migrationId;
            SyncPoint = syncPoint;
            SourceFolder = sourceFolder;
            SourceUidValidity = sourceUidValidity;
            SourceUid = sourceUid;
            DestinationFolder = destinationFolder;
            DestinationUidValidity = destinationUidValidity;
            DestinationUid = destinationUid;
            Fingerprint = fingerprint;
            Flags = flags;
        }

        public string MigrationId { get; }

        public int SyncPoint { get; }

        public string SourceFolder { get; }

        public uint SourceUidValidity { get; }

        public uint SourceUid { get; }

        public string DestinationFolder { get; }

        public uint? DestinationUidValidity { get; }

        public uint? DestinationUid { get; }

        public MessageFingerprint Fingerprint { get; }

        /// <summary>The flags and keywords set on the copy, as <see cref="Omm.Engine.Imap.FlagText"/> writes them.</summary>
        public string Flags { get; }
    }
}
