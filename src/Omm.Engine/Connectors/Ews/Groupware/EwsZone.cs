using System;

namespace Omm.Engine.Connectors.Ews.Groupware
{
    /// <summary>
    /// A time zone as both sides name it: the Windows id Exchange takes in a TimeZoneDefinition, the IANA name an
    /// iCalendar TZID carries, and the rules that turn wall-clock times into UTC.
    /// </summary>
    internal sealed class EwsZone
    {
        public static readonly EwsZone Utc = new EwsZone("UTC", "Etc/UTC", TimeZoneInfo.Utc);

        public EwsZone(string windowsId, string ianaId, TimeZoneInfo rules)
        {
            WindowsId = windowsId;
            IanaId = ianaId;
            Rules = rules;
        }

        public string WindowsId { get; }

        public string IanaId { get; }

        public TimeZoneInfo Rules { get; }

        public bool IsUtc => WindowsId == "UTC";

        /// <summary>
        /// UTC of a wall-clock time. A time that does not exist (skipped by a change to summer time) is taken as
        /// the same time after the jump, as calendar clients do; an ambiguous one as its first (summer time) reading.
        /// </summary>
        public DateTime ToUtc(DateTime local)
        {
            var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
            if (Rules.IsInvalidTime(unspecified))
            {
                var before = Rules.GetUtcOffset(unspecified.AddHours(-3));
                return DateTime.SpecifyKind(unspecified - before, DateTimeKind.Utc);
            }

            if (Rules.IsAmbiguousTime(unspecified))
            {
                var offsets = Rules.GetAmbiguousTimeOffsets(unspecified);
                var larger = offsets[0] > offsets[1] ? offsets[0] : offsets[1];
                return DateTime.SpecifyKind(unspecified - larger, DateTimeKind.Utc);
            }

            return DateTime.SpecifyKind(unspecified - Rules.GetUtcOffset(unspecified), DateTimeKind.Utc);
        }

        public DateTime ToLocal(DateTime utc) =>
            DateTime.SpecifyKind(DateTime.SpecifyKind(utc, DateTimeKind.Utc) + OffsetAt(utc), DateTimeKind.Unspecified);

        public TimeSpan OffsetAt(DateTime utc) => Rules.GetUtcOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc));

        public override string ToString() => $"{IanaId} ({WindowsId})";
    }
}
