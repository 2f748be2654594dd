using System.Xml.Linq;

namespace Omm.TestServers.Ews;

/// <summary>
/// DeleteItem: HardDelete and SoftDelete remove the item; MoveToDeletedItems moves it to Deleted Items (under a new id,
/// as a move gives). A calendar item needs SendMeetingCancellations, as on Exchange, and what it said is logged; an
/// occurrence or exception (t:OccurrenceItemId, or its id) becomes a deleted occurrence of its series; a master goes
/// with its exceptions.
/// </summary>
internal static class DeleteItemOperation
{
    public static void Run(EwsOperationContext context, XElement request, EwsResponseWriter writer)
    {
        var deleteType = (string?)request.Attribute("DeleteType");
        var cancellations = (string?)request.Attribute("SendMeetingCancellations");
        lock (context.Gate)
        {
            foreach (var id in request.M("ItemIds")?.Elements() ?? [])
            {
                var (target, error) = ItemResolver.ResolveTarget(context.Mailbox, id);
                if (target != null && target.IsCalendarItem && cancellations == null)
                    (target, error) = (null, ResponseError.SendMeetingCancellationsRequired);
                if (target == null)
                {
                    writer.Error(error!);
                    continue;
                }

                if (target.IsCalendarItem)
                    context.Server.RecordSendMode(context.Mailbox, "DeleteItem", target.Owner, "SendMeetingCancellations", cancellations!, target.Id);
                if (target.IsOccurrence || target.Item!.Master != null)
                {
                    SeriesEditor.DeleteOccurrence(context.Server, context.Mailbox, target);
                }
                else
                {
                    var item = target.Item;
                    var deletedItems = context.Mailbox.Distinguished("deleteditems")!;
                    context.Mailbox.Remove(item);
                    if (deleteType == "MoveToDeletedItems" && item.Folder != deletedItems)
                        ItemCopier.CopyInto(context, item, deletedItems);
                }

                writer.BeginSuccess();
                writer.EndMessage();
            }
        }
    }
}
