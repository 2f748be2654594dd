using System.Xml.Linq;

namespace Omm.TestServers.Ews;

/// <summary>
/// UpdateItem: SetItemField and DeleteItemField on message:IsRead, item:Categories, item:Flag, item:Subject,
/// item:Importance, item:Sensitivity and extended properties; each change gives a new ChangeKey (a read-flag-only change
/// shows as a ReadFlagChange in syncs). With ConflictResolution NeverOverwrite a stale ChangeKey is ErrorIrresolvableConflict.
/// Contacts, lists, calendar items (and their occurrences) and tasks take changes to any of their fields (<see cref="GroupwareUpdate"/>).
/// </summary>
internal static class UpdateItemOperation
{
    private static readonly HashSet<string> Settable = new(StringComparer.Ordinal)
    {
        "message:IsRead", "item:Categories", "item:Flag", "item:Subject", "item:Importance", "item:Sensitivity",
    };

    public static void Run(EwsOperationContext context, XElement request, EwsResponseWriter writer)
    {
        var conflicts = (string?)request.Attribute("ConflictResolution") ?? "AutoResolve";
        var results = new List<(ResponseError? Error, string? Element, string? Id, string? ChangeKey)>();
        lock (context.Gate)
        {
            foreach (var change in request.M("ItemChanges")?.Ts("ItemChange") ?? [])
            {
                var id = change.Elements().First();
                var (target, error) = ItemResolver.ResolveTarget(context.Mailbox, id);
                var item = target?.Item;
                if (target != null && conflicts == "NeverOverwrite" && item != null && (string?)id.Attribute("ChangeKey") is { } changeKey && changeKey != item.ChangeKey)
                    error = ResponseError.StaleChangeKey;
                else if (target?.Owner.Properties != null)
                    (item, error) = UpdateGroupware(context, request, target, change.T("Updates"));
                else if (item != null)
                    error = Update(context, item, change.T("Updates"));
                results.Add(error != null ? (error, null, null, null) : (null, ItemXmlWriter.ElementName(item!), item!.Id, item.ChangeKey));
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
            writer.StartM("ConflictResults");
            writer.T("Count", "0");
            writer.End();
            writer.EndMessage();
        }
    }

    /// <summary>
    /// A contact, list, task or calendar item (<see cref="GroupwareUpdate"/>). A calendar item needs
    /// SendMeetingInvitationsOrCancellations, as on Exchange, and what it said is logged; a change to an occurrence makes
    /// it an exception, whose id the response gives.
    /// </summary>
    private static (EwsItem? Item, ResponseError? Error) UpdateGroupware(EwsOperationContext context, XElement request, ItemTarget target, XElement? updates)
    {
        var mode = (string?)request.Attribute("SendMeetingInvitationsOrCancellations");
        if (target.IsCalendarItem && mode == null)
            return (null, ResponseError.SendMeetingInvitationsOrCancellationsRequired);
        var item = target.Item ?? SeriesEditor.MakeException(context.Server, context.Mailbox, target);
        var error = GroupwareUpdate.Apply(item, updates);
        if (error != null)
        {
            if (target.IsOccurrence)
                context.Mailbox.Remove(item);
            return (null, error);
        }

        context.Server.Touch(item);
        if (item.Master != null)
            context.Server.Touch(item.Master);
        if (item.IsCalendarItem)
            item.MeetingRequestWasSent |= context.Server.RecordSendMode(context.Mailbox, "UpdateItem", item, "SendMeetingInvitationsOrCancellations", mode!).Sent;
        return (item, null);
    }

    private static ResponseError? Update(EwsOperationContext context, EwsItem item, XElement? updates)
    {
        var wasRead = item.IsRead;
        var contentChanged = false;
        foreach (var update in updates?.Elements() ?? [])
        {
            var field = (string?)update.T("FieldURI")?.Attribute("FieldURI");
            var extended = update.T("ExtendedFieldURI");
            if (field == null && extended == null)
                return ResponseError.InvalidPropertySet;
            if (field != null && !Settable.Contains(field))
                return ResponseError.InvalidPropertySet;
            switch (update.Name.LocalName)
            {
                case "SetItemField":
                {
                    var source = update.Elements().LastOrDefault();
                    if (source == null || source.Name.Namespace != EwsNamespaces.T || source.Name.LocalName is "FieldURI" or "ExtendedFieldURI")
                        return ResponseError.InvalidPropertySet;
                    var error = ItemPropertyWriter.Apply(item, source, creating: false, out _);
                    if (error != null)
                        return error;
                    contentChanged |= field != "message:IsRead";
                    break;
                }

                case "DeleteItemField":
                    if (field == "item:Categories")
                        item.Categories = [];
                    else if (field == "item:Flag")
                        item.FlagStatus = "NotFlagged";
                    else if (extended != null && ExtendedPropertyKey.FromUri(extended) is { } key)
                        item.Extended.Remove(key);
                    else
                        return ResponseError.InvalidPropertySet;
                    contentChanged = true;
                    break;
                default:
                    return new ResponseError("ErrorInvalidPropertyAppend", "The test server does not append to properties.");
            }
        }

        if (contentChanged)
            context.Server.Touch(item);
        else if (wasRead != item.IsRead || updates?.HasElements == true)
        {
            item.ChangeNumber = context.Server.NextChangeNumber();
            item.LastModified = context.Now;
        }

        return null;
    }
}
