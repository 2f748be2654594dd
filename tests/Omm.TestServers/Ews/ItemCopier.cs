namespace Omm.TestServers.Ews;

/// <summary>Makes a new item (new id, new change key) with every property of another, as a move within Exchange does. Call under the lock.</summary>
internal static class ItemCopier
{
    public static EwsItem CopyInto(EwsOperationContext context, EwsItem source, EwsFolder folder)
    {
        var copy = context.Mailbox.NewItem(folder, source.Content);
        copy.ItemClass = source.ItemClass;
        copy.Subject = source.Subject;
        copy.InternetMessageId = source.InternetMessageId;
        copy.FromName = source.FromName;
        copy.FromAddress = source.FromAddress;
        copy.MessageFlags = source.MessageFlags;
        copy.FlagStatus = source.FlagStatus;
        copy.Categories = [.. source.Categories];
        copy.Importance = source.Importance;
        copy.Sensitivity = source.Sensitivity;
        copy.Received = source.Received;
        copy.Sent = source.Sent;
        copy.Created = source.Created;
        copy.LastModified = context.Now;
        foreach (var (key, value) in source.Extended)
            copy.Extended[key] = value;
        copy.ChangeNumber = context.Server.NextChangeNumber();
        return copy;
    }
}
