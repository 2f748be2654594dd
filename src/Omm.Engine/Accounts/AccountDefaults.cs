namespace Omm.Engine.Accounts
{
    /// <summary>What the command line gives for every row; a row's own non-empty cells win.</summary>
    public sealed class AccountDefaults
    {
        public SideDefaults Source { get; set; } = new SideDefaults();

        public SideDefaults Destination { get; set; } = new SideDefaults();

        public string? Project { get; set; }

        /// <summary>Caps from the command line (0 lifts a cap); a row's own cells win.</summary>
        public double? MaxMessagesPerSecond { get; set; }

        public long? MaxBytesPerSecond { get; set; }
    }
}
