using System.Xml.Linq;

namespace Omm.TestServers.Ews;

/// <summary>DeleteItem: HardDelete and SoftDelete remove the item; MoveToDeletedItems moves it to Deleted Items (under a new id, as a move gives).</summary>
internal static class DeleteItemOperation
{
    public static void Run(EwsOperationContext context, XElement request, EwsResponseWriter writer)
    {
        var deleteType = (string?)request.Attribute("DeleteType");
        lock (context.Gate)
        {
            foreach (var id in request.M("ItemIds")?.Elements() ?? [])
            {
                var (item, error) = ItemResolver.Resolve(context.Mailbox, id);
                if (item == null)
                {
                    writer.Error(error!);
                    continue;
                }

                var deletedItems = context.Mailbox.Distinguished("deleteditems")!;
                context.Mailbox.Remove(item);
                if (deleteType == "MoveToDeletedItems" && item.Folder != deletedItems)
                    ItemCopier.CopyInto(context, item, deletedItems);
                writer.BeginSuccess();
                writer.EndMessage();
            }
        }
    }
}
