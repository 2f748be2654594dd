using System.Text;

namespace Omm.Engine.Tests.Ews;

/// <summary>MIME messages and request bodies the EWS test server tests send.</summary>
internal static class EwsSamples
{
    public static byte[] Message(int number, string subject = "Report") => Encoding.UTF8.GetBytes(
        $"From: Carol Example <carol@example.net>\r\nTo: alice@example.com\r\nSubject: {subject} {number}\r\n" +
        $"Date: Tue, 1 Jul 2025 10:{number % 60:00}:00 +0200\r\nMessage-ID: <m{number}@example.net>\r\nMIME-Version: 1.0\r\n" +
        "Content-Type: text/plain; charset=utf-8\r\n\r\nBody of the message.\r\n");

    public static string CreateItem(string folder, byte[] mime, string extra = "", string disposition = "SaveOnly") =>
        $"""<m:CreateItem MessageDisposition="{disposition}"><m:SavedItemFolderId>{folder}</m:SavedItemFolderId><m:Items><t:Message><t:MimeContent CharacterSet="UTF-8">{Convert.ToBase64String(mime)}</t:MimeContent>{extra}</t:Message></m:Items></m:CreateItem>""";

    public static string Distinguished(string id) => $"""<t:DistinguishedFolderId Id="{id}"/>""";

    public static string FolderId(string id) => $"""<t:FolderId Id="{id}"/>""";

    public static string Flags(int flags) =>
        $"""<t:ExtendedProperty><t:ExtendedFieldURI PropertyTag="0x0E07" PropertyType="Integer"/><t:Value>{flags}</t:Value></t:ExtendedProperty>""";

    public static string Time(string tag, string value) =>
        $"""<t:ExtendedProperty><t:ExtendedFieldURI PropertyTag="{tag}" PropertyType="SystemTime"/><t:Value>{value}</t:Value></t:ExtendedProperty>""";

    public static string GetItem(string id, bool mime = true, string properties = "") =>
        $"""<m:GetItem><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape><t:IncludeMimeContent>{(mime ? "true" : "false")}</t:IncludeMimeContent><t:AdditionalProperties><t:FieldURI FieldURI="item:Subject"/><t:FieldURI FieldURI="item:IsDraft"/><t:FieldURI FieldURI="message:IsRead"/><t:FieldURI FieldURI="item:DateTimeReceived"/><t:FieldURI FieldURI="item:DateTimeSent"/><t:FieldURI FieldURI="item:Size"/>{properties}</t:AdditionalProperties></m:ItemShape><m:ItemIds><t:ItemId Id="{id}"/></m:ItemIds></m:GetItem>""";

    public static string Sync(string folder, string? state, int max = 512) =>
        $"""<m:SyncFolderItems><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape><t:AdditionalProperties><t:FieldURI FieldURI="message:IsRead"/></t:AdditionalProperties></m:ItemShape><m:SyncFolderId>{folder}</m:SyncFolderId>{(state == null ? "" : $"<m:SyncState>{state}</m:SyncState>")}<m:MaxChangesReturned>{max}</m:MaxChangesReturned><m:SyncScope>NormalItems</m:SyncScope></m:SyncFolderItems>""";
}
