using System;
using System.Collections.Generic;
using Omm.Engine.Connectors.Files.Pst.Ltp;
using Omm.Engine.Connectors.Files.Pst.Messaging;

namespace Omm.Engine.Connectors.Files.Pst
{
    /// <summary>
    /// A message of a folder (or one embedded in an attachment). Its properties are read when first asked
    /// for, so a damaged message throws <see cref="PstFormatException"/> from its own members and does not
    /// stop the enumeration of its folder.
    /// </summary>
    public sealed class PstMessage
    {
        /// <summary>How deep embedded messages may nest before the attachment tree is taken for a loop.</summary>
        internal const int MaxNesting = 32;

        private readonly Func<MessageObject> _load;
        private MessageObject? _object;

        internal PstMessage(PstFile file, uint nid, Func<MessageObject> load)
        {
            File = file;
            Nid = nid;
            _load = load;
        }

        public uint Nid { get; }

        /// <summary>PidTagMessageClass: IPM.Note, IPM.Contact, IPM.DistList, IPM.Appointment, IPM.Task, ...</summary>
        public string MessageClass => Read(o => o.GetString(PropId.MessageClass) is string c && c.Length > 0 ? c : "IPM.Note");

        /// <summary>PidTagSubject without the "\u0001x" prefix Outlook stores before it.</summary>
        public string? Subject => Read(o => MimeBuilder.CleanSubject(o.GetString(PropId.Subject)));

        public bool IsRead => Read(o => ((o.GetInt32(PropId.MessageFlags) ?? 0) & 0x01) != 0);

        /// <summary>Unsent (PidTagMessageFlags 0x08).</summary>
        public bool IsDraft => Read(o => ((o.GetInt32(PropId.MessageFlags) ?? 0) & 0x08) != 0);

        /// <summary>Follow-up flag set (PidTagFlagStatus 2).</summary>
        public bool IsFlagged => Read(o => o.GetInt32(PropId.FlagStatus) == 2);

        /// <summary>Replied to (PidTagLastVerbExecuted 102 reply or 103 reply all).</summary>
        public bool IsAnswered => Read(o => o.GetInt32(PropId.LastVerbExecuted) is int v && (v == 102 || v == 103));

        /// <summary>Forwarded (PidTagLastVerbExecuted 104).</summary>
        public bool IsForwarded => Read(o => o.GetInt32(PropId.LastVerbExecuted) == 104);

        public DateTimeOffset? DeliveryTime => Read(o => o.GetTime(PropId.MessageDeliveryTime));

        public DateTimeOffset? SubmitTime => Read(o => o.GetTime(PropId.ClientSubmitTime));

        public string? InternetMessageId => Read(o => o.GetString(PropId.InternetMessageId));

        /// <summary>Outlook categories (the named property Keywords).</summary>
        public IReadOnlyList<string> Categories => Read<IReadOnlyList<string>>(o =>
            o.GetNamed(PropertySet.PublicStrings, "Keywords")?.AsStrings(o.Ansi) ?? new List<string>());

        public IReadOnlyList<PstRecipient> Recipients => Read(o => o.Recipients);

        public IReadOnlyList<PstAttachment> Attachments => Read(o => o.Attachments);

        internal PstFile File { get; }

        /// <summary>Rebuilds the message as RFC 5322/MIME (see <see cref="MimeBuilder"/>).</summary>
        public MimeKit.MimeMessage ToMimeMessage() => Read(MimeBuilder.Build);

        /// <summary>
        /// Rebuilds the message as RFC 5322/MIME, leaving out what is damaged but not needed for the rest (an
        /// attachment, the recipient table, one of several bodies): each part left out is said in <paramref name="leftOut"/>.
        /// Damage to the message itself still throws <see cref="PstFormatException"/>.
        /// </summary>
        public MimeKit.MimeMessage ToMimeMessage(ICollection<string> leftOut) => Read(o => MimeBuilder.Build(o, useTransportHeaders: true, leftOut));

        /// <summary>
        /// A vCard 3.0 of a contact (IPM.Contact), or of a distribution list (IPM.DistList) as a group card.
        /// Throws InvalidOperationException for other items.
        /// </summary>
        public string ToVCard() => Read(VCardWriter.Write);

        /// <summary>
        /// An iCalendar VCALENDAR: a VEVENT for an appointment (IPM.Appointment, or a meeting item carrying one),
        /// with VTIMEZONE, RRULE, EXDATE and RECURRENCE-ID events when it recurs; a VTODO for a task (IPM.Task).
        /// Throws InvalidOperationException for other items.
        /// </summary>
        public string ToICalendar() => Read(ICalendarWriter.Write);

        public override string ToString() => $"message NID 0x{Nid:X}";

        internal MessageObject Object => _object ??= _load();

        private T Read<T>(Func<MessageObject, T> read) => PstGuard.Run(() => read(Object), () => $"message NID 0x{Nid:X}");
    }
}
