using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Omm.TestServers.Ews;

/// <summary>
/// What a contact, distribution list, calendar item or task shows: its stored property elements plus what Exchange
/// derives (as the ex2019cu15 recordings show it): a contact's DisplayName from its names when not given, CompleteName,
/// FileAs "" and FileAsMapping None, HasPicture; a calendar item's CalendarItemType, IsMeeting, IsRecurring (false on a
/// master, true on occurrences and exceptions, as Exchange has it), Duration and its series' FirstOccurrence,
/// LastOccurrence, ModifiedOccurrences and DeletedOccurrences; a task's Status NotStarted, PercentComplete 0 and IsComplete.
/// Call under the lock.
/// </summary>
internal static class GroupwareFields
{
    private const string FolderChangeKey = "AQAAAA==";

    public static EwsGroupwareItemSnapshot Snapshot(EwsItem item) => Snapshot(item, Build(item), item.Id, item.ChangeKey);

    /// <summary>An unmodified occurrence of a series as GetItem shows it: the master's properties at the occurrence's time.</summary>
    public static EwsItemSnapshot OccurrenceSnapshot(EwsItem master, int index, DateTimeOffset start, DateTimeOffset end)
    {
        var fields = Build(master);
        foreach (var name in new[] { "Recurrence", "FirstOccurrence", "LastOccurrence", "ModifiedOccurrences", "DeletedOccurrences" })
            fields.Remove(name);
        fields["Start"] = EwsXml.TElement("Start", EwsXml.Date(start));
        fields["End"] = EwsXml.TElement("End", EwsXml.Date(end));
        fields["OriginalStart"] = EwsXml.TElement("OriginalStart", EwsXml.Date(start));
        fields["IsRecurring"] = EwsXml.TElement("IsRecurring", "true");
        fields["CalendarItemType"] = EwsXml.TElement("CalendarItemType", "Occurrence");
        var id = EwsIds.OccurrenceId(master.Id, index);
        return master.Snapshot() with { ItemId = id, Groupware = Snapshot(master, fields, id, master.ChangeKey) };
    }

    public static long EstimatedSize(EwsItem item) =>
        256 + item.Properties!.Values.Sum(p => (long)p.ToString(SaveOptions.DisableFormatting).Length) + item.Attachments.Sum(a => (long)a.Content.Length);

    private static EwsGroupwareItemSnapshot Snapshot(EwsItem item, Dictionary<string, XElement> fields, string id, string changeKey) => new()
    {
        ItemId = id,
        ChangeKey = changeKey,
        ElementName = item.Kind!,
        ItemClass = item.ItemClass,
        FolderPath = item.Folder.Path,
        Properties = item.Properties!.ToDictionary(p => p.Key, p => new XElement(p.Value)),
        Fields = fields,
        ExtendedProperties = new Dictionary<ExtendedPropertyKey, ExtendedPropertyValue>(item.Extended),
        Exceptions = item.Exceptions.OrderBy(e => e.OriginalStart).Select(Snapshot).ToList(),
        DeletedOccurrences = item.DeletedOccurrences.Order().ToList(),
        Attachments = item.Attachments.Select(a => a.Snapshot()).ToList(),
    };

    private static Dictionary<string, XElement> Build(EwsItem item)
    {
        var stored = item.Properties!;
        var fields = new Dictionary<string, XElement>(StringComparer.Ordinal);
        void Set(string name, params object?[] content) => fields[name] = EwsXml.TElement(name, content);
        void Default(string name, string value)
        {
            if (!fields.ContainsKey(name))
                Set(name, value);
        }

        Set("ParentFolderId", new XAttribute("Id", item.Folder.Id), new XAttribute("ChangeKey", FolderChangeKey));
        Set("ItemClass", item.ItemClass);
        if (item.Subject != null)
            Set("Subject", item.Subject);
        Set("Sensitivity", item.Sensitivity);
        if (item.Attachments.Count > 0)
            Set("Attachments", item.Attachments.Select(AttachmentXml.Summary));
        Set("DateTimeReceived", EwsXml.Date(item.Received));
        Set("Size", item.Size.ToString(CultureInfo.InvariantCulture));
        if (item.Categories.Count > 0)
            Set("Categories", item.Categories.Select(c => EwsXml.TElement("String", c)));
        Set("Importance", item.Importance);
        Set("IsSubmitted", "false");
        Set("IsDraft", EwsXml.Bool(item.IsDraft));
        Set("IsFromMe", "false");
        Set("IsResend", "false");
        Set("IsUnmodified", "false");
        Set("DateTimeSent", EwsXml.Date(item.Sent));
        Set("DateTimeCreated", EwsXml.Date(item.Created));
        Set("DisplayCc", Names(stored.GetValueOrDefault("OptionalAttendees")));
        Set("DisplayTo", Names(stored.GetValueOrDefault("RequiredAttendees")));
        Set("HasAttachments", EwsXml.Bool(item.Attachments.Count > 0));
        Set("Culture", "en-US");
        Set("LastModifiedTime", EwsXml.Date(item.LastModified));
        Set("IsAssociated", "false");
        foreach (var (name, element) in stored)
            fields[name] = new XElement(element);
        switch (item.Kind)
        {
            case "Contact":
                Contact(item, fields);
                break;
            case "DistributionList":
                Default("DisplayName", item.Subject ?? "");
                Default("Subject", fields["DisplayName"].Value);
                break;
            case "Task":
                Default("Status", "NotStarted");
                Default("PercentComplete", "0");
                Set("IsComplete", EwsXml.Bool(fields["Status"].Value.Trim() == "Completed"));
                Set("IsRecurring", EwsXml.Bool(stored.ContainsKey("Recurrence")));
                break;
            case "CalendarItem":
                Calendar(item, fields);
                break;
        }

        return fields;
    }

    private static void Contact(EwsItem item, Dictionary<string, XElement> fields)
    {
        string? Text(string name) => fields.GetValueOrDefault(name)?.Value is { Length: > 0 } value ? value : null;
        if (!fields.ContainsKey("DisplayName"))
        {
            var composed = string.Join(' ', new[] { Text("GivenName"), Text("MiddleName"), Text("Surname") }.OfType<string>());
            fields["DisplayName"] = EwsXml.TElement("DisplayName", composed.Length > 0 ? composed : Text("CompanyName") ?? "");
        }

        if (!fields.ContainsKey("Subject"))
            fields["Subject"] = EwsXml.TElement("Subject", fields["DisplayName"].Value);
        if (!fields.ContainsKey("FileAs"))
            fields["FileAs"] = EwsXml.TElement("FileAs");
        if (!fields.ContainsKey("FileAsMapping"))
            fields["FileAsMapping"] = EwsXml.TElement("FileAsMapping", "None");
        var parts = new (string Element, string? Value)[]
        {
            ("FirstName", Text("GivenName")), ("MiddleName", Text("MiddleName")), ("LastName", Text("Surname")),
            ("Suffix", Text("Generation")), ("Initials", Text("Initials")), ("FullName", Text("DisplayName")), ("Nickname", Text("Nickname")),
        };
        fields["CompleteName"] = EwsXml.TElement("CompleteName", parts.Where(p => p.Value != null).Select(p => EwsXml.TElement(p.Element, p.Value)));
        fields["HasPicture"] = EwsXml.TElement("HasPicture", EwsXml.Bool(item.Attachments.Any(a => a.IsContactPhoto)));
    }

    private static void Calendar(EwsItem item, Dictionary<string, XElement> fields)
    {
        var stored = item.Properties!;
        var zone = CalendarTime.Zone(stored);
        var start = CalendarTime.Parse(stored.GetValueOrDefault("Start")?.Value, zone);
        var end = CalendarTime.Parse(stored.GetValueOrDefault("End")?.Value, zone);
        if (start != null)
            fields["Start"] = EwsXml.TElement("Start", EwsXml.Date(start.Value));
        if (end != null)
            fields["End"] = EwsXml.TElement("End", EwsXml.Date(end.Value));
        if (start != null && end != null)
            fields["Duration"] = EwsXml.TElement("Duration", XmlConvert.ToString(end.Value - start.Value));
        void Default(string name, string value)
        {
            if (!fields.ContainsKey(name))
                fields[name] = EwsXml.TElement(name, value);
        }

        Default("IsAllDayEvent", "false");
        Default("LegacyFreeBusyStatus", "Busy");
        fields["IsMeeting"] = EwsXml.TElement("IsMeeting", EwsXml.Bool(HasAttendees(stored)));
        Default("IsCancelled", "false");
        fields["MeetingRequestWasSent"] = EwsXml.TElement("MeetingRequestWasSent", EwsXml.Bool(item.MeetingRequestWasSent));
        Default("IsResponseRequested", "true");
        Default("MyResponseType", "Organizer");
        if (item.Master is { } master)
        {
            fields["IsRecurring"] = EwsXml.TElement("IsRecurring", "true");
            fields["CalendarItemType"] = EwsXml.TElement("CalendarItemType", "Exception");
            fields["OriginalStart"] = EwsXml.TElement("OriginalStart", EwsXml.Date(item.OriginalStart!.Value));
            if (master.Properties!.GetValueOrDefault("UID") is { } uid)
                fields["UID"] = new XElement(uid);
            return;
        }

        fields["IsRecurring"] = EwsXml.TElement("IsRecurring", "false");
        var series = CalendarSeries.Of(item);
        fields["CalendarItemType"] = EwsXml.TElement("CalendarItemType", series == null ? "Single" : "RecurringMaster");
        if (series != null)
            Series(item, series, fields);
    }

    private static void Series(EwsItem item, CalendarSeries series, Dictionary<string, XElement> fields)
    {
        var deleted = item.DeletedOccurrences.ToHashSet();
        var modified = item.Exceptions.ToDictionary(e => e.InstanceIndex);
        XElement Info(string name, int index, DateTimeOffset start, DateTimeOffset end)
        {
            if (modified.TryGetValue(index, out var exception))
            {
                var zone = CalendarTime.Zone(exception.Properties!);
                return EwsXml.TElement(
                    name,
                    EwsXml.TElement("ItemId", new XAttribute("Id", exception.Id), new XAttribute("ChangeKey", exception.ChangeKey)),
                    EwsXml.TElement("Start", EwsXml.Date(CalendarTime.Parse(exception.Properties!.GetValueOrDefault("Start")?.Value, zone) ?? start)),
                    EwsXml.TElement("End", EwsXml.Date(CalendarTime.Parse(exception.Properties!.GetValueOrDefault("End")?.Value, zone) ?? end)),
                    EwsXml.TElement("OriginalStart", EwsXml.Date(start)));
            }

            return EwsXml.TElement(
                name,
                EwsXml.TElement("ItemId", new XAttribute("Id", EwsIds.OccurrenceId(item.Id, index)), new XAttribute("ChangeKey", item.ChangeKey)),
                EwsXml.TElement("Start", EwsXml.Date(start)),
                EwsXml.TElement("End", EwsXml.Date(end)),
                EwsXml.TElement("OriginalStart", EwsXml.Date(start)));
        }

        var live = series.Occurrences().Where(o => !deleted.Contains(o.Start));
        if (live.FirstOrDefault() is { Index: > 0 } first)
            fields["FirstOccurrence"] = Info("FirstOccurrence", first.Index, first.Start, first.End);
        if (series.HasEnd && live.LastOrDefault() is { Index: > 0 } last)
            fields["LastOccurrence"] = Info("LastOccurrence", last.Index, last.Start, last.End);
        if (item.Exceptions.Count > 0)
        {
            fields["ModifiedOccurrences"] = EwsXml.TElement(
                "ModifiedOccurrences",
                item.Exceptions.OrderBy(e => e.OriginalStart).Select(e => Info("Occurrence", e.InstanceIndex, e.OriginalStart!.Value, e.OriginalStart.Value)));
        }

        if (item.DeletedOccurrences.Count > 0)
            fields["DeletedOccurrences"] = EwsXml.TElement("DeletedOccurrences", item.DeletedOccurrences.Order().Select(d => EwsXml.TElement("DeletedOccurrence", EwsXml.TElement("Start", EwsXml.Date(d)))));
    }

    public static bool HasAttendees(IReadOnlyDictionary<string, XElement> properties) =>
        new[] { "RequiredAttendees", "OptionalAttendees", "Resources" }.Any(name => properties.GetValueOrDefault(name)?.HasElements == true);

    /// <summary>DisplayTo / DisplayCc: the attendees' names (or addresses) joined by "; ".</summary>
    private static string Names(XElement? attendees) =>
        string.Join("; ", (attendees?.Elements() ?? []).Select(a => a.Descendants(EwsNamespaces.T + "Name").FirstOrDefault()?.Value ?? a.Descendants(EwsNamespaces.T + "EmailAddress").FirstOrDefault()?.Value ?? ""));
}
