using System.Xml.Linq;

namespace Omm.TestServers.Ews;

/// <summary>FindFolder, Shallow (children) or Deep (all descendants, parents before children), paged by IndexedPageFolderView.</summary>
internal static class FindFolderOperation
{
    public static void Run(EwsOperationContext context, XElement request, EwsResponseWriter writer)
    {
        var shape = FolderShape.Parse(request.M("FolderShape"));
        var traversal = (string?)request.Attribute("Traversal");
        lock (context.Gate)
        {
            foreach (var id in FolderResolver.Ids(request.M("ParentFolderIds")))
            {
                var (parent, error) = FolderResolver.Resolve(context.Mailbox, id);
                if (parent == null)
                {
                    writer.Error(error!);
                    continue;
                }

                var folders = traversal switch
                {
                    "Deep" => parent.Descendants().ToList(),
                    "Shallow" => parent.Children.ToList(),
                    _ => [],
                };
                var page = IndexedPage.Of(request.M("IndexedPageFolderView"), folders.Count);
                writer.BeginSuccess();
                writer.StartM("RootFolder");
                page.WriteAttributes(writer);
                writer.StartT("Folders");
                foreach (var folder in folders.Skip(page.Start).Take(page.Count))
                    FolderXmlWriter.Write(writer, folder, shape);
                writer.End();
                writer.End();
                writer.EndMessage();
            }
        }
    }
}
