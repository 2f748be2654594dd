using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Omm.Engine.ContentLines;
using Omm.Engine.Groupware;

namespace Omm.Engine.Connectors.Ews.Groupware
{
    /// <summary>Values of a VEVENT or VTODO read the way the EWS mappings need them.</summary>
    internal static class CalendarFields
    {
        private static readonly Regex DurationPattern = new Regex(@"^([+-])?P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        /// <summary>A TEXT property unescaped and trimmed; null when absent or empty.</summary>
        public static string? Text(ContentComponent component, string name)
        {
            var line = component.Property(name);
            if (line == null)
                return null;
            var value = ContentLineText.Unescape(line.Value).Replace("\r\n", "\n").Trim();
            return value.Length == 0 ? null : value;
        }

        public static List<string> Categories(ContentComponent component) =>
            component.PropertiesNamed("CATEGORIES").SelectMany(c => ContentLineText.Split(c.Value, ',')).Select(s => ContentLineText.Unescape(s).Trim()).Where(s => s.Length > 0).ToList();

        public static CalendarTimeValue? Time(ContentComponent component, string name)
        {
            var line = component.Property(name);
            if (line == null)
                return null;
            return CalendarTimeValue.TryParse(line.Value.Split(',')[0], line.Parameter("TZID"), out var value) ? value : (CalendarTimeValue?)null;
        }

        /// <summary>Every value of every property of that name (EXDATE, RDATE may list several on one line).</summary>
        public static IEnumerable<CalendarTimeValue> Times(ContentComponent component, string name)
        {
            foreach (var line in component.PropertiesNamed(name))
            {
                foreach (var text in line.Value.Split(','))
                {
                    if (CalendarTimeValue.TryParse(text, line.Parameter("TZID"), out var value))
                        yield return value;
                }
            }
        }

        /// <summary>An iCalendar DURATION (RFC 5545 §3.3.6): P1W, P1D, PT1H30M, -PT15M.</summary>
        public static TimeSpan? Duration(string? text)
        {
            if (text == null)
                return null;
            var match = DurationPattern.Match(text.Trim());
            if (!match.Success)
                return null;
            int Part(int group) => match.Groups[group].Success ? int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;
            var span = new TimeSpan(Part(2) * 7 + Part(3), Part(4), Part(5), Part(6));
            return match.Groups[1].Value == "-" ? -span : span;
        }

        public static string Duration(TimeSpan span)
        {
            var sign = span < TimeSpan.Zero ? "-" : "";
            span = span.Duration();
            if (span.TotalMinutes % (24 * 60) == 0 && span > TimeSpan.Zero)
                return sign + "P" + ((int)span.TotalDays).ToString(CultureInfo.InvariantCulture) + "D";
            return sign + "PT" + ((int)span.TotalMinutes).ToString(CultureInfo.InvariantCulture) + "M";
        }

        /// <summary>Sensitivity of CLASS: PUBLIC Normal, PRIVATE Private, CONFIDENTIAL Confidential; null for none or an x-name.</summary>
        public static string? Sensitivity(ContentComponent component) => EwsContactMapping.Sensitivity(component.Property("CLASS")?.Value);

        /// <summary>Importance of PRIORITY (1-4 High, 5 Normal, 6-9 Low; 0 is undefined), else of Outlook's X-MICROSOFT-CDO-IMPORTANCE (0 low, 1 normal, 2 high).</summary>
        public static string? Importance(ContentComponent component)
        {
            if (int.TryParse(component.Property("PRIORITY")?.Value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var priority) && priority > 0 && priority <= 9)
                return priority <= 4 ? "High" : priority == 5 ? "Normal" : "Low";
            return component.Property("X-MICROSOFT-CDO-IMPORTANCE")?.Value.Trim() switch { "0" => "Low", "1" => "Normal", "2" => "High", _ => null };
        }

        public static string? Priority(string? importance) => importance switch { "High" => "1", "Low" => "9", "Normal" => "5", _ => null };

        public static string ClassOf(string? sensitivity, List<string> losses)
        {
            switch (sensitivity)
            {
                case "Private":
                    return "PRIVATE";
                case "Confidential":
                    return "CONFIDENTIAL";
                case "Personal":
                    losses.Add("Sensitivity Personal: iCalendar has no such class; written as CLASS:PRIVATE.");
                    return "PRIVATE";
                default:
                    return "PUBLIC";
            }
        }
    }
}
