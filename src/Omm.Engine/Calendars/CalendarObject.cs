using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Omm.Engine.ContentLines;

namespace Omm.Engine.Calendars
{
    /// <summary>
    /// One CalDAV calendar object resource (RFC 4791 §4.1): every component that shares one UID — the master and
    /// its RECURRENCE-ID overrides — in a VCALENDAR without METHOD, with the VTIMEZONEs its TZIDs refer to.
    /// </summary>
    public sealed class CalendarObject
    {
        internal CalendarObject(string uid, bool uidWasAssigned, CalendarItemKind kind, string summary, string text, IReadOnlyList<string> missingTimeZones, IReadOnlyList<ContentComponent> components,
            IReadOnlyList<ContentLineProblem> warnings, bool isVerbatim)
        {
            Warnings = warnings;
            IsVerbatim = isVerbatim;
            Uid = uid;
            UidWasAssigned = uidWasAssigned;
            Kind = kind;
            Summary = summary;
            Text = text;
            MissingTimeZones = missingTimeZones;
            Components = components;
        }

        public string Uid { get; }

        /// <summary>
        /// True when the UID is not the source's: the source had none (a stable one was made from the
        /// component's content), or its UID was already taken by a component of another kind or by a different
        /// component with the same RECURRENCE-ID (the UID then gets a suffix; see <see cref="CalendarFile.Warnings"/>).
        /// </summary>
        public bool UidWasAssigned { get; }

        public CalendarItemKind Kind { get; }

        /// <summary>SUMMARY of the master (or the first component), unescaped; "" if none. For messages.</summary>
        public string Summary { get; }

        /// <summary>
        /// The resource: a VCALENDAR with the file's VERSION, PRODID and CALSCALE (no METHOD), every VTIMEZONE
        /// its TZIDs refer to, then the master and its overrides. Property values are as in the file; lines are
        /// re-folded at 75 octets; CRLF line ends.
        /// </summary>
        public string Text { get; }

        /// <summary>TZIDs its components use that the file has no VTIMEZONE for (the resource is written without them).</summary>
        public IReadOnlyList<string> MissingTimeZones { get; }

        /// <summary>
        /// What was left out of it or changed, in line order: content lines of its components (and of the VTIMEZONEs
        /// it uses) that could not be read, a UID it got because another component had its own, an exact copy
        /// dropped. Calendar-wide problems are in <see cref="CalendarFile.Warnings"/>.
        /// </summary>
        public IReadOnlyList<ContentLineProblem> Warnings { get; }

        /// <summary>True when its components were read as written: nothing left out, repaired or read from 2.1-style continuation lines.</summary>
        public bool IsVerbatim { get; }

        /// <summary>The VEVENT/VTODO/VJOURNAL components as read: the master (if any) first, then the overrides in file order.</summary>
        public IReadOnlyList<ContentComponent> Components { get; }

        /// <summary>
        /// A .ics file's resources, in file order. Components that are no calendar item (VFREEBUSY, ...) are
        /// left out: <see cref="CalendarFile.Read(string)"/> gives the same resources and lists those. Throws
        /// <see cref="CalendarFormatException"/> when an item cannot be read (<see cref="CalendarFile.Read(string)"/>
        /// reads the others) or the text holds no iCalendar.
        /// </summary>
        public static IReadOnlyList<CalendarObject> Split(string ics)
        {
            var file = CalendarFile.Read(ics);
            if (file.Unreadable.Count > 0)
                throw new CalendarFormatException(file.Unreadable[0].ProblemLineNumber, file.Unreadable[0].Problem);
            return file.Objects;
        }

        /// <summary>As <see cref="Split(string)"/>, from bytes: UTF-8 with or without BOM, UTF-16 with BOM, else windows-1252.</summary>
        public static IReadOnlyList<CalendarObject> Split(Stream stream) => Split(TextDecoding.Read(stream));

        /// <summary>
        /// One resource as a CalDAV server returns it; METHOD is dropped, and what the text holds outside the item
        /// that could not be read is added to its <see cref="Warnings"/>. Throws <see cref="CalendarFormatException"/>
        /// when its item cannot be read or it does not hold exactly one UID.
        /// </summary>
        public static CalendarObject Parse(string resourceText)
        {
            var file = CalendarFile.Read(resourceText);
            if (file.Unreadable.Count > 0)
                throw new CalendarFormatException(file.Unreadable[0].ProblemLineNumber, file.Unreadable[0].Problem);
            if (file.Objects.Count != 1)
                throw new CalendarFormatException(0, $"one calendar object (one UID) was expected, the text holds {file.Objects.Count}");
            var only = file.Objects[0];
            return file.Warnings.Count == 0
                ? only
                : new CalendarObject(only.Uid, only.UidWasAssigned, only.Kind, only.Summary, only.Text, only.MissingTimeZones, only.Components,
                    only.Warnings.Concat(file.Warnings).OrderBy(w => w.LineNumber).ToList(), false);
        }

        public override string ToString() => $"{Kind} {Uid} \"{Summary}\"";

        internal static CalendarItemKind? KindOf(ContentComponent component) => KindOf(component.Name);

        internal static CalendarItemKind? KindOf(string componentName)
        {
            if (string.Equals(componentName, "VEVENT", StringComparison.OrdinalIgnoreCase))
                return CalendarItemKind.Event;
            if (string.Equals(componentName, "VTODO", StringComparison.OrdinalIgnoreCase))
                return CalendarItemKind.Todo;
            if (string.Equals(componentName, "VJOURNAL", StringComparison.OrdinalIgnoreCase))
                return CalendarItemKind.Journal;
            return null;
        }

        internal static string ComponentName(CalendarItemKind kind) => kind switch
        {
            CalendarItemKind.Todo => "VTODO",
            CalendarItemKind.Journal => "VJOURNAL",
            _ => "VEVENT",
        };
    }
}
