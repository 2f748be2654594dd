namespace Omm
{
    /// <summary>Counters of one item type in a migration.</summary>
    public sealed class ItemProgress
    {
        /// <summary>Creates a counter row.</summary>
        public ItemProgress(ItemType itemType, long toMigrate, long migrated, long inError, long inWarning)
        {
            ItemType = itemType;
            ToMigrate = toMigrate;
            Migrated = migrated;
            InError = inError;
            InWarning = inWarning;
        }

        /// <summary>The item type these counters are about.</summary>
        public ItemType ItemType { get; }

        /// <summary>Items found in the source at the last pass.</summary>
        public long ToMigrate { get; }

        /// <summary>Items copied to the destination so far (all passes).</summary>
        public long Migrated { get; }

        /// <summary>Items the last pass could not copy.</summary>
        public long InError { get; }

        /// <summary>Items the last pass copied with a warning.</summary>
        public long InWarning { get; }

        /// <summary>Share of the source items that were dealt with (copied or in error), 0 to 100.</summary>
        public int Percent => PercentOf(Migrated + InError, ToMigrate);

        internal static int PercentOf(long done, long total)
        {
            if (total <= 0)
                return 100;
            return (int)System.Math.Min(100, done * 100 / total);
        }

        /// <summary>As Format-List shows it: "Mail: 47/47 migrated, 0 in error, 1 in warning".</summary>
        public override string ToString() => $"{ItemType}: {Migrated}/{ToMigrate} migrated, {InError} in error, {InWarning} in warning";
    }
}
