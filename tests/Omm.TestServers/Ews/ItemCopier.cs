namespace Omm.TestServers.Ews;

/// <summary>Makes a new item (new id, new change key) with every property of another, as a move within Exchange does. Call under the lock.</summary>
internal static class ItemCopier
{
    public static EwsItem CopyInto(EwsOperationContext context, EwsItem source, EwsFolder folder)
    {
        var copy = context.Mailbox.NewItem(folder, source.Content);
        CopyProperties(source, copy);
        copy.LastModified = context.Now;
        copy.ChangeNumber = context.Server.NextChangeNumber();
        return copy;
    }

    /// <summary>Every property but the id, folder and change numbers (and a series' exceptions, which stay with their master).</summary>
    public static void CopyProperties(EwsItem source, EwsItem target)
    {
        target.Content = source.Content;
        target.ItemClass = source.ItemClass;
        target.Subject = source.Subject;
        target.InternetMessageId = source.InternetMessageId;
        target.FromName = source.FromName;
        target.FromAddress = source.FromAddress;
        target.MessageFlags = source.MessageFlags;
        target.FlagStatus = source.FlagStatus;
        target.Categories = [.. source.Categories];
        target.Importance = source.Importance;
        target.Sensitivity = source.Sensitivity;
        target.Received = source.Received;
        target.Sent = source.Sent;
        target.Created = source.Created;
        target.LastModified = source.LastModified;
        target.Extended.Clear();
        foreach (var (key, value) in source.Extended)
            target.Extended[key] = value;
        target.Kind = source.Kind;
        target.Properties = source.Properties?.ToDictionary(p => p.Key, p => new System.Xml.Linq.XElement(p.Value), StringComparer.Ordinal);
        target.MeetingRequestWasSent = source.MeetingRequestWasSent;
        target.Attachments.Clear();
        target.Attachments.AddRange(source.Attachments);
    }

    /// <summary>
    /// A series' deleted occurrences and exceptions (each a new item of the target's mailbox), in place of the target's
    /// own. Call under the lock.
    /// </summary>
    public static void CopySeries(EwsOperationContext context, EwsItem source, EwsItem target)
    {
        foreach (var old in target.Exceptions.ToList())
            context.Mailbox.Remove(old);
        target.DeletedOccurrences.Clear();
        target.DeletedOccurrences.AddRange(source.DeletedOccurrences);
        foreach (var exception in source.Exceptions)
        {
            var copy = context.Mailbox.NewException(target);
            CopyProperties(exception, copy);
            copy.InstanceIndex = exception.InstanceIndex;
            copy.OriginalStart = exception.OriginalStart;
            copy.ChangeNumber = context.Server.NextChangeNumber();
        }
    }
}
