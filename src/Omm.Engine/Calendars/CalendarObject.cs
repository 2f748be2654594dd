using System;
using System.Collections.Generic;
using System.IO;
using Omm.Engine.ContentLines;

namespace Omm.Engine.Calendars
{
    /// <summary>
    /// One CalDAV calendar object resource (RFC 4791 §4.1): every component that shares one UID — the master and
    /// its RECURRENCE-ID overrides — in a VCALENDAR without METHOD, with the VTIMEZONEs its TZIDs refer to.
    /// </summary>
    public sealed class CalendarObject
    {
        internal CalendarObject(string uid, bool uidWasAssigned, CalendarItemKind kind, string summary, string text, IReadOnlyList<string> missingTimeZones, IReadOnlyList<ContentComponent> components)
        {
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

        /// <summary>The VEVENT/VTODO/VJOURNAL components as read: the master (if any) first, then the overrides in file order.</summary>
        public IReadOnlyList<ContentComponent> Components { get; }

        /// <summary>
        /// A .ics file's resources, in file order. Components that are no calendar item (VFREEBUSY, ...) are
        /// left out: <see cref="CalendarFile.Read(string)"/> gives the same resources and lists those.
        /// Throws <see cref="CalendarFormatException"/>.
        /// </summary>
        public static IReadOnlyList<CalendarObject> Split(string ics) => CalendarFile.Read(ics).Objects;

        /// <summary>As <see cref="Split(string)"/>, from bytes: UTF-8 with or without BOM, UTF-16 with BOM, else windows-1252.</summary>
        public static IReadOnlyList<CalendarObject> Split(Stream stream) => CalendarFile.Read(stream).Objects;

        /// <summary>One resource as a CalDAV server returns it; METHOD is dropped. Throws <see cref="CalendarFormatException"/> unless it holds exactly one UID.</summary>
        public static CalendarObject Parse(string resourceText)
        {
            var file = CalendarFile.Read(resourceText);
            if (file.Objects.Count != 1)
                throw new CalendarFormatException(0, $"one calendar object (one UID) was expected, the text holds {file.Objects.Count}");
            return file.Objects[0];
        }

        public override string ToString() => $"{Kind} {Uid} \"{Summary}\"";

        internal static CalendarItemKind? KindOf(ContentComponent component)
        {
            if (component.Is("VEVENT"))
                return CalendarItemKind.Event;
            if (component.Is("VTODO"))
                return CalendarItemKind.Todo;
            if (component.Is("VJOURNAL"))
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
