using System.Xml.Linq;

namespace Omm.TestServers.Ews;

/// <summary>
/// GetItem: one response message per id (t:ItemId, t:OccurrenceItemId, t:RecurringMasterItemId); MIME (when asked)
/// streamed as base64 straight from the stored chunks.
/// </summary>
internal static class GetItemOperation
{
    public static void Run(EwsOperationContext context, XElement request, EwsResponseWriter writer)
    {
        var shape = ItemShape.Parse(request.M("ItemShape"));
        var results = new List<(ResponseError? Error, EwsItemSnapshot? Item)>();
        lock (context.Gate)
        {
            foreach (var id in request.M("ItemIds")?.Elements() ?? [])
            {
                var (target, error) = ItemResolver.ResolveTarget(context.Mailbox, id);
                results.Add((error, target?.Snapshot()));
            }
        }

        foreach (var (error, item) in results)
        {
            if (item == null)
            {
                writer.Error(error!, "Items");
                continue;
            }

            writer.BeginSuccess();
            writer.StartM("Items");
            ItemXmlWriter.Write(writer, item, shape);
            writer.End();
            writer.EndMessage();
        }
    }
}
