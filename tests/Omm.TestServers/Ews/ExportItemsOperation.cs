using System.Xml.Linq;

namespace Omm.TestServers.Ews;

/// <summary>ExportItems: per id m:ItemId and m:Data (the item whole, see <see cref="ExportedItemBlob"/>), as the ewsjava ExportItems recording.</summary>
internal static class ExportItemsOperation
{
    public static void Run(EwsOperationContext context, XElement request, EwsResponseWriter writer)
    {
        var results = new List<(ResponseError? Error, EwsItemSnapshot? Item)>();
        lock (context.Gate)
        {
            foreach (var id in request.M("ItemIds")?.Elements() ?? [])
            {
                var (item, error) = ItemResolver.Resolve(context.Mailbox, id);
                // Its blob carries MIME: a contact or appointment kept by typed properties would export empty, so it is refused.
                if (item?.Properties != null)
                    (item, error) = (null, new ResponseError("ErrorInvalidOperation", "The EWS test server exports MIME messages only."));
                results.Add((error, item?.Snapshot()));
            }
        }

        foreach (var (error, item) in results)
        {
            if (item == null)
            {
                writer.Error(error!);
                continue;
            }

            writer.BeginSuccess();
            writer.Id("ItemId", item.ItemId, item.ChangeKey, prefix: "m");
            writer.StartM("Data");
            ExportedItemBlob.Write(item).WriteBase64(writer.Xml);
            writer.End();
            writer.EndMessage();
        }
    }
}
