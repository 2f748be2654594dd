using System.Xml.Linq;

namespace Omm.TestServers.Ews;

/// <summary>
/// CreateAttachment of t:FileAttachment (a contact photo with IsContactPhoto true, a file on any item): each gets an
/// AttachmentId, and the parent item a new ChangeKey, given back as RootItemId/RootItemChangeKey as Exchange does.
/// Item attachments are refused rather than kept half.
/// </summary>
internal static class CreateAttachmentOperation
{
    public static void Run(EwsOperationContext context, XElement request, EwsResponseWriter writer)
    {
        lock (context.Gate)
        {
            var parent = request.M("ParentItemId")!;
            var (item, error) = ItemResolver.Resolve(context.Mailbox, new XElement(EwsNamespaces.T + "ItemId", parent.Attributes()));
            foreach (var element in request.M("Attachments")!.Elements())
            {
                if (item == null)
                {
                    writer.Error(error!, "Attachments");
                    continue;
                }

                if (element.Name.LocalName != "FileAttachment")
                {
                    writer.Error(new ResponseError("ErrorInvalidRequest", "The EWS test server stores file attachments only."), "Attachments");
                    continue;
                }

                var attachment = new EwsAttachment(
                    EwsIds.NewId(EwsIds.AttachmentKind, context.Mailbox.Number),
                    element.T("Name")?.Value ?? "",
                    element.T("ContentType")?.Value,
                    Convert.FromBase64String(element.T("Content")?.Value.Trim() ?? ""))
                {
                    ContentId = element.T("ContentId")?.Value,
                    IsInline = EwsXml.ParseBool(element.T("IsInline")?.Value) == true,
                    IsContactPhoto = EwsXml.ParseBool(element.T("IsContactPhoto")?.Value) == true,
                    LastModified = context.Now,
                };
                item.Attachments.Add(attachment);
                context.Server.Touch(item);
                writer.BeginSuccess();
                writer.StartM("Attachments");
                writer.StartT("FileAttachment");
                writer.StartT("AttachmentId");
                writer.Xml.WriteAttributeString("Id", attachment.Id);
                writer.Xml.WriteAttributeString("RootItemId", item.Id);
                writer.Xml.WriteAttributeString("RootItemChangeKey", item.ChangeKey);
                writer.End();
                writer.End();
                writer.End();
                writer.EndMessage();
            }
        }
    }
}
