using System.Xml.Linq;

namespace Omm.TestServers.Ews;

/// <summary>
/// ExportItems: per id m:ItemId and m:Data, the item whole: a message as <see cref="ExportedItemBlob"/> (as the ewsjava
/// ExportItems recording), a contact, distribution list, calendar item (a series with its exceptions) or task as
/// <see cref="ExportedGroupwareBlob"/>. An exception is exported with its series, not alone; an item made
/// unexportable (<see cref="EwsTestServer.RefuseExport"/>) gets ErrorItemCorrupt.
/// </summary>
internal static class ExportItemsOperation
{
    public static void Run(EwsOperationContext context, XElement request, EwsResponseWriter writer)
    {
        var results = new List<(ResponseError? Error, EwsItemSnapshot? Item, ItemContent? Groupware)>();
        lock (context.Gate)
        {
            foreach (var id in request.M("ItemIds")?.Elements() ?? [])
            {
                var (item, error) = ItemResolver.Resolve(context.Mailbox, id);
                if (item?.RefusesExport == true)
                    results.Add((new ResponseError("ErrorItemCorrupt", "The item is corrupt and cannot be exported."), null, null));
                else if (item?.Master != null)
                    results.Add((new ResponseError("ErrorInvalidOperation", "An occurrence of a series is exported with its series."), null, null));
                else if (item?.Properties != null)
                    results.Add((null, item.Snapshot(), ExportedGroupwareBlob.Write(item)));
                else
                    results.Add((error, item?.Snapshot(), null));
            }
        }

        foreach (var (error, item, groupware) in results)
        {
            if (item == null)
            {
                writer.Error(error!);
                continue;
            }

            writer.BeginSuccess();
            writer.Id("ItemId", item.ItemId, item.ChangeKey, prefix: "m");
            writer.StartM("Data");
            (groupware ?? ExportedItemBlob.Write(item)).WriteBase64(writer.Xml);
            writer.End();
            writer.EndMessage();
        }
    }
}
