using System.Xml.Linq;

namespace Omm.TestServers.Ews;

/// <summary>
/// CreateItem with MessageDisposition SaveOnly (the test server sends no mail: SendOnly and SendAndSaveCopy are refused).
/// As Exchange: without PR_MESSAGE_FLAGS (0x0E07) set at creation the item is a draft (read, unsent); subject,
/// Message-ID, From and the sent date come from the MIME header, Size is the MIME length, DateTimeReceived and
/// DateTimeCreated are now unless 0x0E06 / 0x0039 say otherwise. Without SavedItemFolderId messages go to Drafts.
/// Contacts, distribution lists, calendar items and tasks are kept by their typed properties (<see cref="GroupwareItemFactory"/>)
/// and go to Contacts, Calendar or Tasks without SavedItemFolderId; MessageDisposition does not concern them.
/// </summary>
internal static class CreateItemOperation
{
    public static void Run(EwsOperationContext context, XElement request, EwsResponseWriter writer)
    {
        var disposition = (string?)request.Attribute("MessageDisposition") ?? "SaveOnly";
        var results = new List<(ResponseError? Error, string? Element, string? Id, string? ChangeKey)>();
        lock (context.Gate)
        {
            var folderId = FolderResolver.Ids(request.M("SavedItemFolderId")).FirstOrDefault();
            var (folder, folderError) = folderId == null ? (context.Mailbox.Distinguished("drafts"), null) : FolderResolver.Resolve(context.Mailbox, folderId);
            foreach (var element in request.M("Items")?.Elements() ?? [])
            {
                if (GroupwareItemFactory.Kinds.Contains(element.Name.LocalName))
                {
                    var target = folderId == null ? context.Mailbox.Distinguished(GroupwareItemFactory.DefaultFolder(element.Name.LocalName)) : folder;
                    var (created, createError) = target == null ? (null, folderError) : CreateGroupware(context, request, target, element);
                    results.Add(created == null ? (createError, null, null, null) : (null, created.Kind, created.Id, created.ChangeKey));
                    continue;
                }

                if (disposition != "SaveOnly")
                {
                    results.Add((new ResponseError("ErrorInvalidOperation", "The EWS test server does not send mail: use MessageDisposition SaveOnly."), null, null, null));
                    continue;
                }

                if (folder == null)
                {
                    results.Add((folderError, null, null, null));
                    continue;
                }

                var (item, error) = Create(context, folder, element);
                results.Add(item == null ? (error, null, null, null) : (null, ItemXmlWriter.ElementName(item.ItemClass), item.Id, item.ChangeKey));
            }
        }

        foreach (var (error, element, id, changeKey) in results)
        {
            if (error != null)
            {
                writer.Error(error, "Items");
                continue;
            }

            writer.BeginSuccess();
            writer.StartM("Items");
            writer.StartT(element!);
            writer.Id("ItemId", id!, changeKey!);
            writer.End();
            writer.End();
            writer.EndMessage();
        }
    }

    private static (EwsItem? Item, ResponseError? Error) Create(EwsOperationContext context, EwsFolder folder, XElement element)
    {
        var content = SoapDocument.Payload(element.T("MimeContent")) ?? ItemContent.Empty;
        var limits = StoreLimits.Check(context, content.Length);
        if (limits != null)
            return (null, limits);
        MimeSummary? summary = null;
        if (element.T("MimeContent") != null)
        {
            summary = MimeSummary.Read(content);
            if (summary == null)
                return (null, ResponseError.MimeConversionFailed);
        }
        var now = context.Now;
        var item = context.Mailbox.NewItem(folder, content);
        item.ItemClass = DefaultClass(element.Name.LocalName);
        if (summary != null)
            EwsTestServer.ApplySummary(item, summary, now);
        else
            item.Received = item.Sent = item.Created = item.LastModified = now;
        item.MessageFlags = EwsItem.ReadFlag | EwsItem.UnsentFlag;
        var error = ItemPropertyWriter.Apply(item, element, creating: true, out _);
        if (error != null)
        {
            context.Mailbox.Remove(item);
            return (null, error);
        }

        item.ChangeNumber = context.Server.NextChangeNumber();
        return (item, null);
    }

    /// <summary>A contact, list, appointment or task; a calendar item needs SendMeetingInvitations, as on Exchange, and what it said is logged.</summary>
    private static (EwsItem? Item, ResponseError? Error) CreateGroupware(EwsOperationContext context, XElement request, EwsFolder folder, XElement element)
    {
        var invitations = (string?)request.Attribute("SendMeetingInvitations");
        if (element.Name.LocalName == "CalendarItem" && invitations == null)
            return (null, ResponseError.SendMeetingInvitationsRequired);
        // Exchange measures a typed item by its properties; their XML is near enough for the limits.
        if (StoreLimits.Check(context, System.Text.Encoding.UTF8.GetByteCount(element.ToString(SaveOptions.DisableFormatting))) is { } limit)
            return (null, limit);
        var (item, error) = GroupwareItemFactory.Create(context.Server, context.Mailbox, folder, element);
        if (item is { IsCalendarItem: true })
            item.MeetingRequestWasSent = context.Server.RecordSendMode(context.Mailbox, "CreateItem", item, "SendMeetingInvitations", invitations!).Sent;
        return (item, error);
    }

    private static string DefaultClass(string element) => element switch
    {
        "CalendarItem" => "IPM.Appointment",
        "Contact" => "IPM.Contact",
        "DistributionList" => "IPM.DistList",
        "Task" => "IPM.Task",
        "PostItem" => "IPM.Post",
        _ => "IPM.Note",
    };
}
