namespace Omm.Engine.Calendars
{
    /// <summary>A component of an .ics file that is not a calendar item (VFREEBUSY, VAVAILABILITY, X- components) and so became no resource.</summary>
    public sealed class SkippedComponent
    {
        public SkippedComponent(string name, string? uid, int lineNumber, string reason)
        {
            Name = name;
            Uid = uid;
            LineNumber = lineNumber;
            Reason = reason;
        }

        public string Name { get; }

        public string? Uid { get; }

        /// <summary>Line of its BEGIN.</summary>
        public int LineNumber { get; }

        public string Reason { get; }

        public override string ToString() => $"line {LineNumber}: {Name}{(Uid != null ? " " + Uid : "")} skipped: {Reason}";
    }
}
