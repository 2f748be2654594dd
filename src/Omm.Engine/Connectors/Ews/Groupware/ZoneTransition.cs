using System;
using System.Collections.Generic;

namespace Omm.Engine.Connectors.Ews.Groupware
{
    /// <summary>One change of a zone's UTC offset: the UTC instant and the offsets before and after it.</summary>
    internal readonly struct ZoneTransition : IEquatable<ZoneTransition>
    {
        public ZoneTransition(DateTime utc, TimeSpan before, TimeSpan after)
        {
            Utc = utc;
            Before = before;
            After = after;
        }

        public DateTime Utc { get; }

        public TimeSpan Before { get; }

        public TimeSpan After { get; }

        /// <summary>The wall-clock time at which the change happens, read with the offset before it (as VTIMEZONE's DTSTART is).</summary>
        public DateTime LocalBefore => DateTime.SpecifyKind(Utc + Before, DateTimeKind.Unspecified);

        public bool Equals(ZoneTransition other) => Utc == other.Utc && Before == other.Before && After == other.After;

        public override bool Equals(object? obj) => obj is ZoneTransition other && Equals(other);

        public override int GetHashCode() => Utc.GetHashCode() ^ After.GetHashCode();

        public override string ToString() => $"{Utc:yyyy-MM-dd HH:mm}Z {Before} → {After}";

        /// <summary>
        /// The transitions of a zone in one calendar year (UTC), found by comparing the offset day by day and then
        /// narrowing to the minute: the same answer on every platform, whatever shape its adjustment rules have.
        /// </summary>
        public static List<ZoneTransition> InYear(Func<DateTime, TimeSpan> offsetAt, int year)
        {
            var found = new List<ZoneTransition>();
            var day = new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            var end = day.AddYears(1);
            var offset = offsetAt(day);
            while (day < end)
            {
                var next = day.AddDays(1);
                var nextOffset = offsetAt(next);
                if (nextOffset != offset)
                {
                    // The last minute with the old offset, then the first with the new.
                    var low = day;
                    var high = next;
                    while ((high - low).TotalMinutes > 1)
                    {
                        var middle = low.AddMinutes(Math.Floor((high - low).TotalMinutes / 2));
                        if (offsetAt(middle) == offset)
                            low = middle;
                        else
                            high = middle;
                    }

                    found.Add(new ZoneTransition(high, offset, offsetAt(high)));
                }

                day = next;
                offset = nextOffset;
            }

            return found;
        }
    }
}
