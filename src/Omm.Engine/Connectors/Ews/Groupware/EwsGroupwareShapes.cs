using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using static Omm.Engine.Connectors.Ews.Groupware.EwsItemXml;

namespace Omm.Engine.Connectors.Ews.Groupware
{
    /// <summary>
    /// What GetItem must ask for so that the mappings read back everything they map: an ItemShape with BaseShape
    /// IdOnly, BodyType Text and these AdditionalProperties, plus the caller's own ExtendedFieldURI (the UID's).
    /// AllProperties is not relied on: it never returns extended properties, and what it returns of a calendar
    /// item's time zones differs between Exchange versions.
    /// </summary>
    internal static class EwsGroupwareShapes
    {
        private static readonly string[] ItemFields =
        {
            "item:Subject", "item:Sensitivity", "item:Body", "item:Categories", "item:Importance", "item:ReminderDueBy", "item:ReminderIsSet",
            "item:ReminderMinutesBeforeStart", "item:LastModifiedTime", "item:DateTimeCreated", "item:HasAttachments", "item:Attachments",
        };

        public static IReadOnlyList<XElement> Contact => Build(ItemFields.Concat(new[]
        {
            "contacts:FileAs", "contacts:DisplayName", "contacts:GivenName", "contacts:MiddleName", "contacts:Nickname", "contacts:CompleteName", "contacts:CompanyName",
            "contacts:EmailAddresses", "contacts:PhysicalAddresses", "contacts:PhoneNumbers", "contacts:AssistantName", "contacts:Birthday", "contacts:BusinessHomePage",
            "contacts:Children", "contacts:Companies", "contacts:Department", "contacts:Generation", "contacts:ImAddresses", "contacts:JobTitle", "contacts:Manager",
            "contacts:OfficeLocation", "contacts:PostalAddressIndex", "contacts:Profession", "contacts:SpouseName", "contacts:Surname", "contacts:WeddingAnniversary",
            "contacts:HasPicture",
        }), TaggedField(EwsContactMapping.PrefixTag, "String"), TaggedField(EwsContactMapping.PersonalHomePageTag, "String"));

        public static IReadOnlyList<XElement> DistributionList => Build(ItemFields.Concat(new[] { "contacts:DisplayName", "contacts:FileAs", "distributionlist:Members" }));

        /// <summary>For a master or a single item; the exceptions of a master are read with <see cref="Occurrence"/>.</summary>
        public static IReadOnlyList<XElement> CalendarItem => Build(ItemFields.Concat(new[]
        {
            "calendar:UID", "calendar:DateTimeStamp", "calendar:Start", "calendar:End", "calendar:IsAllDayEvent", "calendar:LegacyFreeBusyStatus", "calendar:Location",
            "calendar:CalendarItemType", "calendar:Organizer", "calendar:RequiredAttendees", "calendar:OptionalAttendees", "calendar:Resources", "calendar:TimeZone",
            "calendar:Recurrence", "calendar:ModifiedOccurrences", "calendar:DeletedOccurrences", "calendar:StartTimeZone", "calendar:EndTimeZone",
        }));

        /// <summary>For each exception of a master (its ModifiedOccurrences' ItemIds).</summary>
        public static IReadOnlyList<XElement> Occurrence => Build(ItemFields.Concat(new[]
        {
            "calendar:Start", "calendar:End", "calendar:OriginalStart", "calendar:RecurrenceId", "calendar:IsAllDayEvent", "calendar:LegacyFreeBusyStatus", "calendar:Location",
            "calendar:Organizer", "calendar:RequiredAttendees", "calendar:OptionalAttendees", "calendar:Resources",
        }));

        public static IReadOnlyList<XElement> Task => Build(ItemFields.Concat(new[]
        {
            "task:CompleteDate", "task:DueDate", "task:PercentComplete", "task:Recurrence", "task:StartDate", "task:Status", "task:IsRecurring",
        }));

        /// <summary>An AdditionalProperties element with one of the lists above and the caller's ExtendedFieldURIs.</summary>
        public static XElement AdditionalProperties(IEnumerable<XElement> fields, params XElement[] extendedFields) =>
            new XElement(T("AdditionalProperties"), fields.Select(f => new XElement(f)), extendedFields.Select(f => new XElement(f)));

        private static IReadOnlyList<XElement> Build(IEnumerable<string> uris, params XElement[] extended) => uris.Select(FieldUri).Concat(extended).ToList();
    }
}
