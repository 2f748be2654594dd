namespace Omm.TestServers.Ews;

/// <summary>
/// Changes to one occurrence of a series: a change makes it an exception (an item of its own with the master's
/// properties at the occurrence's time, OriginalStart that time); a deletion records its original start among the
/// master's deleted occurrences. Either gives the master a new ChangeKey. Call under the lock.
/// </summary>
internal static class SeriesEditor
{
    public static EwsItem MakeException(EwsTestServer server, EwsMailbox mailbox, ItemTarget occurrence)
    {
        var master = occurrence.Master!;
        var exception = mailbox.NewException(master);
        ItemCopier.CopyProperties(master, exception);
        exception.Attachments.Clear();
        var properties = exception.Properties!;
        properties.Remove("Recurrence");
        properties["Start"] = EwsXml.TElement("Start", EwsXml.Date(occurrence.Start));
        properties["End"] = EwsXml.TElement("End", EwsXml.Date(occurrence.End));
        exception.InstanceIndex = occurrence.Index;
        exception.OriginalStart = occurrence.Start;
        exception.Created = server.Now;
        server.Touch(exception);
        server.Touch(master);
        return exception;
    }

    /// <summary>Deletes an occurrence, or an exception (which becomes a deleted occurrence).</summary>
    public static void DeleteOccurrence(EwsTestServer server, EwsMailbox mailbox, ItemTarget target)
    {
        var master = target.Item?.Master ?? target.Master!;
        if (target.Item is { } exception)
        {
            mailbox.Remove(exception);
            master.DeletedOccurrences.Add(exception.OriginalStart!.Value);
        }
        else
        {
            master.DeletedOccurrences.Add(target.Start);
        }

        server.Touch(master);
    }
}
