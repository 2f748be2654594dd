using System.Xml.Linq;

namespace Omm.TestServers.Ews;

/// <summary>
/// UploadItems: recreates exported items exactly (properties, read state, dates; never a draft unless it was one; a
/// contact's photo, a series' exceptions and deleted occurrences), in any mailbox. CreateAction CreateNew makes a new
/// item; Update overwrites the one t:ItemId names (same id); UpdateOrCreate does either.
/// </summary>
internal static class UploadItemsOperation
{
    public static void Run(EwsOperationContext context, XElement request, EwsResponseWriter writer)
    {
        var results = new List<(ResponseError? Error, string? Id, string? ChangeKey)>();
        lock (context.Gate)
        {
            foreach (var upload in request.M("Items")?.Ts("Item") ?? [])
            {
                var (item, error) = Upload(context, upload);
                results.Add(item == null ? (error, null, null) : (null, item.Id, item.ChangeKey));
            }
        }

        foreach (var (error, id, changeKey) in results)
        {
            if (error != null)
            {
                writer.Error(error);
                continue;
            }

            writer.BeginSuccess();
            writer.Id("ItemId", id!, changeKey!, prefix: "m");
            writer.EndMessage();
        }
    }

    private static (EwsItem? Item, ResponseError? Error) Upload(EwsOperationContext context, XElement upload)
    {
        var action = (string?)upload.Attribute("CreateAction") ?? "CreateNew";
        var (folder, folderError) = FolderResolver.Resolve(context.Mailbox, upload.T("ParentFolderId") is { } parent ? new XElement(EwsNamespaces.T + "FolderId", parent.Attributes()) : null);
        if (folder == null)
            return (null, folderError);
        EwsItem? existing = null;
        if (action != "CreateNew" && upload.T("ItemId") is { } itemId)
        {
            var (found, error) = ItemResolver.Resolve(context.Mailbox, itemId);
            if (found == null && action == "Update")
                return (null, error);
            existing = found;
        }
        else if (action == "Update")
        {
            return (null, ResponseError.ItemNotFound);
        }

        var blob = SoapDocument.Payload(upload.T("Data")) ?? ItemContent.Empty;
        var uploaded = new EwsItem(string.Empty, folder, ItemContent.Empty);
        var content = ExportedGroupwareBlob.IsOne(blob)
            ? ExportedGroupwareBlob.Read(blob, uploaded, context.Mailbox) ? ItemContent.Empty : null
            : ExportedItemBlob.Read(blob, uploaded);
        if (content == null)
            return (null, new ResponseError("ErrorInvalidRequest", "The data is not an exported item."));
        uploaded.Content = content;
        var limits = StoreLimits.Check(context, uploaded.Size - (existing?.Size ?? 0));
        if (limits != null)
            return (null, limits);

        // Update keeps the item (and its id), as Exchange's UploadItems Update does; CreateNew makes another.
        var item = existing ?? context.Mailbox.NewItem(folder, content);
        ItemCopier.CopyProperties(uploaded, item);
        ItemCopier.CopySeries(context, uploaded, item);
        if (item.Folder != folder)
            context.Mailbox.Move(item, folder);
        item.ChangeNumber = context.Server.NextChangeNumber();
        item.ContentVersion++;
        return (item, null);
    }
}
