using System.Xml.Linq;

namespace Omm.TestServers.Ews;

/// <summary>The operations the test server answers, by element name in the messages namespace.</summary>
internal static class EwsOperations
{
    private static readonly Dictionary<string, Action<EwsOperationContext, XElement, EwsResponseWriter>> Handlers = new(StringComparer.Ordinal)
    {
        ["GetFolder"] = GetFolderOperation.Run,
        ["FindFolder"] = FindFolderOperation.Run,
        ["CreateFolder"] = CreateFolderOperation.Run,
        ["DeleteFolder"] = DeleteFolderOperation.Run,
        ["FindItem"] = FindItemOperation.Run,
        ["GetItem"] = GetItemOperation.Run,
        ["SyncFolderItems"] = SyncFolderItemsOperation.Run,
        ["CreateItem"] = CreateItemOperation.Run,
        ["UpdateItem"] = UpdateItemOperation.Run,
        ["DeleteItem"] = DeleteItemOperation.Run,
        ["ExportItems"] = ExportItemsOperation.Run,
        ["UploadItems"] = UploadItemsOperation.Run,
        ["CreateAttachment"] = CreateAttachmentOperation.Run,
        ["GetAttachment"] = GetAttachmentOperation.Run,
        ["DeleteAttachment"] = DeleteAttachmentOperation.Run,
    };

    /// <summary>Whether messages.xsd declares this request element (anything else is not EWS at all).</summary>
    public static bool IsDeclared(XName name) =>
        EwsSchema.Set.GlobalElements.Contains(new System.Xml.XmlQualifiedName(name.LocalName, name.NamespaceName)) && !name.LocalName.EndsWith("Response", StringComparison.Ordinal);

    public static void Run(EwsOperationContext context, XElement operation, EwsResponseWriter writer)
    {
        if (!Handlers.TryGetValue(operation.Name.LocalName, out var handler))
            throw EwsFault.InvalidRequest($"The EWS test server does not implement {operation.Name.LocalName}.");
        handler(context, operation, writer);
    }
}
