using System.Xml.Linq;

namespace Omm.TestServers.Ews;

/// <summary>CreateFolder under a FolderId or DistinguishedFolderId; a name already used under that parent is ErrorFolderExists.</summary>
internal static class CreateFolderOperation
{
    public static void Run(EwsOperationContext context, XElement request, EwsResponseWriter writer)
    {
        lock (context.Gate)
        {
            var parentId = FolderResolver.Ids(request.M("ParentFolderId")).FirstOrDefault();
            var (parent, parentError) = FolderResolver.Resolve(context.Mailbox, parentId, asParent: true);
            foreach (var folder in request.M("Folders")?.Elements() ?? [])
            {
                if (parent == null)
                {
                    writer.Error(parentError!, "Folders");
                    continue;
                }

                var name = folder.T("DisplayName")?.Value;
                if (string.IsNullOrEmpty(name))
                {
                    writer.Error(new ResponseError("ErrorInvalidRequest", "The folder needs a DisplayName."), "Folders");
                    continue;
                }

                if (parent.Children.Any(c => string.Equals(c.DisplayName, name, StringComparison.OrdinalIgnoreCase)))
                {
                    writer.Error(ResponseError.FolderExists, "Folders");
                    continue;
                }

                var folderClass = folder.T("FolderClass")?.Value ?? folder.Name.LocalName switch
                {
                    "CalendarFolder" => "IPF.Appointment",
                    "ContactsFolder" => "IPF.Contact",
                    "TasksFolder" => "IPF.Task",
                    _ => "",
                };
                var created = context.Mailbox.NewFolder(parent, name, folderClass, context.Server.NextChangeNumber());
                parent.ChangeNumber = context.Server.NextChangeNumber();
                writer.BeginSuccess();
                writer.StartM("Folders");
                writer.StartT(FolderXmlWriter.ElementName(created.FolderClass));
                writer.Id("FolderId", created.Id, created.ChangeKey);
                writer.End();
                writer.End();
                writer.EndMessage();
            }
        }
    }
}
