using System.Xml.Linq;

namespace Omm.TestServers.Ews;

/// <summary>GetAttachment: each file attachment whole, Content in base64; a malformed id is ErrorInvalidAttachmentId, an unknown one ErrorItemNotFound.</summary>
internal static class GetAttachmentOperation
{
    public static void Run(EwsOperationContext context, XElement request, EwsResponseWriter writer)
    {
        var found = new List<(ResponseError? Error, XElement? Attachment)>();
        lock (context.Gate)
        {
            foreach (var id in request.M("AttachmentIds")!.Elements())
            {
                var value = ((string?)id.Attribute("Id"))?.Trim() ?? "";
                if (!EwsIds.IsWellFormed(value, EwsIds.AttachmentKind))
                {
                    found.Add((ResponseError.InvalidAttachmentId, null));
                    continue;
                }

                var (_, attachment) = context.Mailbox.FindAttachment(value);
                found.Add(attachment == null ? (ResponseError.ItemNotFound, null) : (null, AttachmentXml.Full(attachment)));
            }
        }

        foreach (var (error, attachment) in found)
        {
            if (attachment == null)
            {
                writer.Error(error!, "Attachments");
                continue;
            }

            writer.BeginSuccess();
            writer.StartM("Attachments");
            attachment.WriteTo(writer.Xml);
            writer.End();
            writer.EndMessage();
        }
    }
}
