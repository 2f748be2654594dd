using System.Xml.Linq;

namespace Omm.TestServers.Ews;

/// <summary>DeleteFolder: HardDelete and SoftDelete remove the folder and all below it; MoveToDeletedItems moves it there. Distinguished folders refuse.</summary>
internal static class DeleteFolderOperation
{
    public static void Run(EwsOperationContext context, XElement request, EwsResponseWriter writer)
    {
        var deleteType = (string?)request.Attribute("DeleteType");
        lock (context.Gate)
        {
            foreach (var id in FolderResolver.Ids(request.M("FolderIds")))
            {
                var (folder, error) = FolderResolver.Resolve(context.Mailbox, id);
                if (folder == null)
                {
                    writer.Error(error!);
                    continue;
                }

                if (folder.DistinguishedId != null)
                {
                    writer.Error(ResponseError.DeleteDistinguishedFolder);
                    continue;
                }

                var deletedItems = context.Mailbox.Distinguished("deleteditems")!;
                if (deleteType == "MoveToDeletedItems" && !folder.IsUnder(deletedItems))
                    context.Mailbox.Move(folder, deletedItems);
                else
                    context.Mailbox.Remove(folder);
                writer.BeginSuccess();
                writer.EndMessage();
            }
        }
    }
}
