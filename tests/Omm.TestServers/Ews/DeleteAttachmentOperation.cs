using System.Xml.Linq;

namespace Omm.TestServers.Ews;

/// <summary>DeleteAttachment: removes a file attachment; the parent item gets a new ChangeKey, given back in m:RootItemId.</summary>
internal static class DeleteAttachmentOperation
{
    public static void Run(EwsOperationContext context, XElement request, EwsResponseWriter writer)
    {
        lock (context.Gate)
        {
            foreach (var id in request.M("AttachmentIds")!.Elements())
            {
                var value = ((string?)id.Attribute("Id"))?.Trim() ?? "";
                if (!EwsIds.IsWellFormed(value, EwsIds.AttachmentKind))
                {
                    writer.Error(ResponseError.InvalidAttachmentId);
                    continue;
                }

                var (item, attachment) = context.Mailbox.FindAttachment(value);
                if (item == null)
                {
                    writer.Error(ResponseError.ItemNotFound);
                    continue;
                }

                item.Attachments.Remove(attachment!);
                context.Server.Touch(item);
                writer.BeginSuccess();
                writer.StartM("RootItemId");
                writer.Xml.WriteAttributeString("RootItemId", item.Id);
                writer.Xml.WriteAttributeString("RootItemChangeKey", item.ChangeKey);
                writer.End();
                writer.EndMessage();
            }
        }
    }
}
