using System.Xml.Linq;

namespace Omm.TestServers.Ews;

/// <summary>GetFolder: one response message per FolderId or DistinguishedFolderId, in request order.</summary>
internal static class GetFolderOperation
{
    public static void Run(EwsOperationContext context, XElement request, EwsResponseWriter writer)
    {
        var shape = FolderShape.Parse(request.M("FolderShape"));
        lock (context.Gate)
        {
            foreach (var id in FolderResolver.Ids(request.M("FolderIds")))
            {
                var (folder, error) = FolderResolver.Resolve(context.Mailbox, id);
                if (folder == null)
                {
                    writer.Error(error!, "Folders");
                    continue;
                }

                writer.BeginSuccess();
                writer.StartM("Folders");
                FolderXmlWriter.Write(writer, folder, shape);
                writer.End();
                writer.EndMessage();
            }
        }
    }
}
