using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Omm.Engine.ContentLines;
using Omm.Engine.Connectors.Files.Pst.Ltp;

namespace Omm.Engine.Connectors.Files.Pst.Messaging
{
    /// <summary>
    /// Appointments (IPM.Appointment, and meeting items that carry an appointment) as an iCalendar VEVENT,
    /// tasks (IPM.Task) as a VTODO, from the named properties of [formats.md] 1.7. Recurring appointments get
    /// a VTIMEZONE from PidLidTimeZoneStruct, an RRULE and EXDATEs from PidLidAppointmentRecur, and one VEVENT
    /// with a RECURRENCE-ID per modified occurrence (the exception attachments).
    /// </summary>
    internal static class ICalendarWriter
    {
        private const int AttachmentFlagException = 0x2;

        public static string Write(MessageObject message)
        {
            var messageClass = message.GetString(PropId.MessageClass) ?? "";
            var lines = new ContentLineWriter();
            lines.Raw("BEGIN", "VCALENDAR");
            lines.Raw("VERSION", "2.0");
            lines.Raw("PRODID", "-//Omm//PST reader//EN");
            lines.Raw("CALSCALE", "GREGORIAN");
            if (messageClass.StartsWith("IPM.Task", StringComparison.OrdinalIgnoreCase))
                WriteTask(message, lines);
            else if (messageClass.StartsWith("IPM.Appointment", StringComparison.OrdinalIgnoreCase)
                || (messageClass.StartsWith("IPM.Schedule.Meeting", StringComparison.OrdinalIgnoreCase) && Named(message, PropertySet.Appointment, Lid.AppointmentStartWhole)?.AsTime() != null))
                WriteEvent(message, lines);
            else
                throw new PstUsageException($"{message.Description} is a {messageClass}, neither an appointment nor a task: it has no iCalendar form.");
            lines.Raw("END", "VCALENDAR");
            return lines.ToString();
        }

        private static void WriteEvent(MessageObject message, ContentLineWriter lines)
        {
            var start = Named(message, PropertySet.Appointment, Lid.AppointmentStartWhole)?.AsTime()
                ?? throw new PstFormatException($"The appointment {message.Description} has no start (PidLidAppointmentStartWhole).");
            var end = Named(message, PropertySet.Appointment, Lid.AppointmentEndWhole)?.AsTime() ?? start;
            var allDay = Named(message, PropertySet.Appointment, Lid.AppointmentSubType)?.AsBoolean() == true;
            var zone = TimeZoneRule.Parse(Named(message, PropertySet.Appointment, Lid.TimeZoneStruct)?.AsBinary(),
                Named(message, PropertySet.Appointment, Lid.TimeZoneDescription)?.AsString(message.Ansi));

            RecurrencePattern? recurrence = null;
            if (Named(message, PropertySet.Appointment, Lid.Recurring)?.AsBoolean() == true)
            {
                var blob = Named(message, PropertySet.Appointment, Lid.AppointmentRecur)?.AsBinary();
                if (blob != null && blob.Length > 0)
                    recurrence = RecurrencePattern.Parse(blob, $"recurrence of {message.Description}");
            }

            // Recurring series repeat in local time, so they need the zone; single events are written in UTC.
            var local = recurrence != null ? zone ?? TimeZoneRule.Utc : null;
            if (local != null && local != TimeZoneRule.Utc)
                local.WriteVTimeZone(lines);

            var uid = Uid(message);
            lines.Raw("BEGIN", "VEVENT");
            lines.Text("UID", uid);
            WriteStamps(message, lines);
            lines.Text("SUMMARY", MimeBuilder.CleanSubject(message.GetString(PropId.Subject)));
            lines.Text("LOCATION", Named(message, PropertySet.Appointment, Lid.Location)?.AsString(message.Ansi));
            lines.Text("DESCRIPTION", message.GetString(PropId.Body)?.TrimEnd());
            WriteTimes(lines, start, end, allDay, local ?? zone, local);

            if (recurrence != null)
            {
                var rule = local!;
                var firstLocal = rule.ToLocal(start.UtcDateTime);
                var timeOfDay = recurrence.StartTimeOffset.HasValue ? TimeSpan.FromMinutes(recurrence.StartTimeOffset.Value) : firstLocal.TimeOfDay;
                lines.Raw("RRULE", recurrence.ToRule(firstLocal, date => allDay
                    ? CalendarTimeText.Date(date)
                    : CalendarTimeText.Utc(new DateTimeOffset(rule.ToUtc(date.Date + timeOfDay), TimeSpan.Zero))));
                foreach (var deleted in recurrence.DeletedDates)
                {
                    if (recurrence.ModifiedDates.Contains(deleted))
                        continue;
                    if (allDay)
                        lines.Raw("EXDATE;VALUE=DATE", CalendarTimeText.Date(deleted));
                    else
                        lines.Raw(TimeName("EXDATE", rule), CalendarTimeText.Local(deleted.Date + timeOfDay) + (rule == TimeZoneRule.Utc ? "Z" : ""));
                }
            }

            WriteEventDetails(message, lines);
            lines.Raw("END", "VEVENT");

            if (recurrence != null)
                WriteExceptions(message, lines, uid, local!, allDay);
        }

        /// <summary>Modified occurrences: the hidden embedded-message attachments flagged afException.</summary>
        private static void WriteExceptions(MessageObject master, ContentLineWriter lines, string uid, TimeZoneRule zone, bool allDay)
        {
            foreach (var attachment in master.Attachments)
            {
                if (!attachment.IsEmbeddedMessage || (attachment.AttachmentFlags & AttachmentFlagException) == 0)
                    continue;
                var embedded = attachment.EmbeddedMessage?.Object;
                if (embedded == null)
                    continue;
                var start = Named(embedded, PropertySet.Appointment, Lid.AppointmentStartWhole)?.AsTime();
                var end = Named(embedded, PropertySet.Appointment, Lid.AppointmentEndWhole)?.AsTime();
                DateTime? original = Named(embedded, PropertySet.Appointment, Lid.ExceptionReplaceTime)?.AsTime()?.UtcDateTime;
                if (original == null)
                {
                    // PidTagExceptionReplaceTime on the attachment: the original start in local time.
                    var replace = attachment.Properties.Get(0x7FF9)?.AsTime();
                    if (replace.HasValue)
                        original = zone.ToUtc(replace.Value.UtcDateTime);
                }

                if (start == null || original == null)
                    continue;
                lines.Raw("BEGIN", "VEVENT");
                lines.Text("UID", uid);
                WriteStamps(embedded, lines);
                lines.Raw(allDay ? "RECURRENCE-ID;VALUE=DATE" : TimeName("RECURRENCE-ID", zone),
                    allDay ? CalendarTimeText.Date(zone.ToLocal(original.Value)) : ZonedTime(zone, original.Value));
                lines.Text("SUMMARY", MimeBuilder.CleanSubject(embedded.GetString(PropId.Subject) ?? master.GetString(PropId.Subject)));
                lines.Text("LOCATION", Named(embedded, PropertySet.Appointment, Lid.Location)?.AsString(embedded.Ansi)
                    ?? Named(master, PropertySet.Appointment, Lid.Location)?.AsString(master.Ansi));
                lines.Text("DESCRIPTION", (embedded.GetString(PropId.Body) ?? master.GetString(PropId.Body))?.TrimEnd());
                WriteTimes(lines, start.Value, end ?? start.Value, allDay, zone, zone);
                WriteEventDetails(embedded, lines);
                lines.Raw("END", "VEVENT");
            }
        }

        private static void WriteTimes(ContentLineWriter lines, DateTimeOffset start, DateTimeOffset end, bool allDay, TimeZoneRule? zone, TimeZoneRule? local)
        {
            if (allDay)
            {
                var first = LocalDay(start, zone);
                var last = LocalDay(end, zone);
                lines.Raw("DTSTART;VALUE=DATE", CalendarTimeText.Date(first));
                lines.Raw("DTEND;VALUE=DATE", CalendarTimeText.Date(last > first ? last : first.AddDays(1)));
            }
            else if (local != null)
            {
                lines.Raw(TimeName("DTSTART", local), ZonedTime(local, start.UtcDateTime));
                lines.Raw(TimeName("DTEND", local), ZonedTime(local, end.UtcDateTime));
            }
            else
            {
                lines.Raw("DTSTART", CalendarTimeText.Utc(start));
                lines.Raw("DTEND", CalendarTimeText.Utc(end));
            }
        }

        /// <summary>All-day appointments run from local midnight to local midnight, stored in UTC.</summary>
        private static DateTime LocalDay(DateTimeOffset value, TimeZoneRule? zone)
        {
            return zone != null ? zone.ToLocal(value.UtcDateTime).AddHours(12).Date : value.UtcDateTime.AddHours(12).Date;
        }

        private static string TimeName(string name, TimeZoneRule zone) => zone == TimeZoneRule.Utc ? name : name + ";TZID=" + ContentLineText.ParameterValue(zone.Id);

        private static string ZonedTime(TimeZoneRule zone, DateTime utc) => zone == TimeZoneRule.Utc
            ? CalendarTimeText.Utc(new DateTimeOffset(utc, TimeSpan.Zero))
            : CalendarTimeText.Local(zone.ToLocal(utc));

        private static void WriteEventDetails(MessageObject message, ContentLineWriter lines)
        {
            var busy = Named(message, PropertySet.Appointment, Lid.BusyStatus)?.AsInt32();
            if (busy.HasValue)
            {
                lines.Raw("TRANSP", busy.Value == 0 ? "TRANSPARENT" : "OPAQUE");
                lines.Raw("STATUS", busy.Value == 1 ? "TENTATIVE" : "CONFIRMED");
            }

            WriteCommon(message, lines);

            // Meetings (asfMeeting) have an organizer and attendees in the recipient table.
            if (((Named(message, PropertySet.Appointment, Lid.AppointmentStateFlags)?.AsInt32() ?? 0) & 1) != 0)
            {
                var organizer = MessageObject.InternetAddress(message.GetString(PropId.SentRepresentingAddressType),
                    message.GetString(PropId.SentRepresentingEmailAddress), message.GetString(PropId.SentRepresentingSmtpAddress));
                if (organizer != null)
                    lines.Raw("ORGANIZER" + CommonName(message.GetString(PropId.SentRepresentingName)), "mailto:" + organizer);
                foreach (var recipient in message.Recipients)
                {
                    if (recipient.InternetAddress == null)
                        continue;
                    var role = recipient.Kind == PstRecipientKind.Cc ? ";ROLE=OPT-PARTICIPANT"
                        : recipient.Kind == PstRecipientKind.Bcc ? ";CUTYPE=RESOURCE;ROLE=NON-PARTICIPANT" : ";ROLE=REQ-PARTICIPANT";
                    lines.Raw("ATTENDEE" + CommonName(recipient.Name) + role, "mailto:" + recipient.InternetAddress);
                }
            }

            WriteAlarm(message, lines);
        }

        private static void WriteTask(MessageObject message, ContentLineWriter lines)
        {
            lines.Raw("BEGIN", "VTODO");
            lines.Text("UID", Uid(message));
            WriteStamps(message, lines);
            lines.Text("SUMMARY", MimeBuilder.CleanSubject(message.GetString(PropId.Subject)));
            lines.Text("DESCRIPTION", message.GetString(PropId.Body)?.TrimEnd());

            // Task dates are the user's local dates, stored at midnight UTC.
            var startDate = Named(message, PropertySet.Task, Lid.TaskStartDate)?.AsTime();
            var due = Named(message, PropertySet.Task, Lid.TaskDueDate)?.AsTime();
            if (startDate.HasValue && startDate.Value.Year < 4500)
                lines.Raw("DTSTART;VALUE=DATE", CalendarTimeText.Date(startDate.Value.UtcDateTime));
            if (due.HasValue && due.Value.Year < 4500)
                lines.Raw("DUE;VALUE=DATE", CalendarTimeText.Date(due.Value.UtcDateTime));

            var status = Named(message, PropertySet.Task, Lid.TaskStatus)?.AsInt32() ?? 0;
            var complete = Named(message, PropertySet.Task, Lid.TaskComplete)?.AsBoolean() == true || status == 2;
            lines.Raw("STATUS", complete ? "COMPLETED" : status == 1 ? "IN-PROCESS" : status == 4 ? "CANCELLED" : "NEEDS-ACTION");
            var percent = Named(message, PropertySet.Task, Lid.PercentComplete)?.AsDouble();
            if (percent.HasValue && !double.IsNaN(percent.Value))
                lines.Raw("PERCENT-COMPLETE", ((int)Math.Round(Math.Max(0, Math.Min(1, percent.Value)) * 100)).ToString(CultureInfo.InvariantCulture));
            var completed = Named(message, PropertySet.Task, Lid.TaskDateCompleted)?.AsTime();
            if (complete && completed.HasValue && completed.Value.Year < 4500)
                lines.Raw("COMPLETED", CalendarTimeText.Utc(completed.Value));

            if (Named(message, PropertySet.Task, Lid.TaskFRecurring)?.AsBoolean() == true && startDate.HasValue)
            {
                var blob = Named(message, PropertySet.Task, Lid.TaskRecurrence)?.AsBinary();
                if (blob != null && blob.Length > 0)
                {
                    var recurrence = RecurrencePattern.Parse(blob, $"recurrence of {message.Description}");
                    lines.Raw("RRULE", recurrence.ToRule(startDate.Value.UtcDateTime, CalendarTimeText.Date));
                }
            }

            var importance = message.GetInt32(PropId.Importance);
            if (importance.HasValue)
                lines.Raw("PRIORITY", importance.Value >= 2 ? "1" : importance.Value <= 0 ? "9" : "5");
            WriteCommon(message, lines);
            WriteAlarm(message, lines);
            lines.Raw("END", "VTODO");
        }

        private static void WriteStamps(MessageObject message, ContentLineWriter lines)
        {
            var created = message.GetTime(PropId.CreationTime);
            var modified = message.GetTime(PropId.LastModificationTime);
            lines.Raw("DTSTAMP", CalendarTimeText.Utc(modified ?? created ?? new DateTimeOffset(1970, 1, 1, 0, 0, 0, TimeSpan.Zero)));
            if (created.HasValue)
                lines.Raw("CREATED", CalendarTimeText.Utc(created.Value));
            if (modified.HasValue)
                lines.Raw("LAST-MODIFIED", CalendarTimeText.Utc(modified.Value));
        }

        private static void WriteCommon(MessageObject message, ContentLineWriter lines)
        {
            var isPrivate = Named(message, PropertySet.Common, Lid.Private)?.AsBoolean() == true || message.GetInt32(PropId.Sensitivity) >= 2;
            if (isPrivate)
                lines.Raw("CLASS", "PRIVATE");
            var categories = message.GetNamed(PropertySet.PublicStrings, "Keywords")?.AsStrings(message.Ansi);
            if (categories != null && categories.Count > 0)
                lines.Raw("CATEGORIES", string.Join(",", categories.ConvertAll(ContentLineText.Escape)));
        }

        private static void WriteAlarm(MessageObject message, ContentLineWriter lines)
        {
            if (Named(message, PropertySet.Common, Lid.ReminderSet)?.AsBoolean() != true)
                return;
            var minutes = Named(message, PropertySet.Common, Lid.ReminderDelta)?.AsInt32() ?? 15;
            lines.Raw("BEGIN", "VALARM");
            lines.Raw("ACTION", "DISPLAY");
            lines.Text("DESCRIPTION", "Reminder");
            lines.Raw("TRIGGER", "-PT" + Math.Max(0, minutes).ToString(CultureInfo.InvariantCulture) + "M");
            lines.Raw("END", "VALARM");
        }

        private static string CommonName(string? name) => string.IsNullOrWhiteSpace(name) ? "" : ";CN=" + ContentLineText.ParameterValue(name!.Trim());

        /// <summary>
        /// The meeting's UID: the vCal UID an iCalendar invitation carried, else the clean GlobalObjectId in hex
        /// (as Exchange does), else the item's search key.
        /// </summary>
        private static string Uid(MessageObject message)
        {
            var goid = Named(message, PropertySet.Meeting, Lid.CleanGlobalObjectId)?.AsBinary()
                ?? Named(message, PropertySet.Meeting, Lid.GlobalObjectId)?.AsBinary();
            if (goid != null && goid.Length >= 40)
            {
                var data = (byte[])goid.Clone();
                if (data.Length > 52 && Encoding.ASCII.GetString(data, 40, 8) == "vCal-Uid")
                {
                    var end = Array.IndexOf(data, (byte)0, 52);
                    var text = Encoding.UTF8.GetString(data, 52, (end < 0 ? data.Length : end) - 52);
                    if (text.Length > 0)
                        return text;
                }

                data[16] = data[17] = data[18] = data[19] = 0; // the instance date of an occurrence's id
                return VCardWriter.Hex(data);
            }

            var key = message.GetBinary(0x300B);
            return key != null && key.Length > 0 ? "pst-" + VCardWriter.Hex(key) : $"pst-nid-{message.Node.Nid:x}";
        }

        private static PropertyValue? Named(MessageObject message, Guid set, uint lid) => message.GetNamed(set, lid);
    }
}
