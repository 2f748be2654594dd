using System.Globalization;
using System.Xml.Linq;

namespace Omm.TestServers.Ews;

/// <summary>Finds the item a t:ItemId names: ErrorInvalidIdMalformed for an id this server could not have made, ErrorItemNotFound for one it does not hold. Call under the lock.</summary>
internal static class ItemResolver
{
    public static (EwsItem? Item, ResponseError? Error) Resolve(EwsMailbox mailbox, XElement id)
    {
        if (id.Name != EwsNamespaces.T + "ItemId")
            return (null, ResponseError.ItemNotFound);
        var value = ((string?)id.Attribute("Id"))?.Trim() ?? "";
        if (!EwsIds.IsWellFormed(value, EwsIds.ItemKind))
            return (null, ResponseError.IdMalformed);
        var item = mailbox.Item(value);
        return item == null ? (null, ResponseError.ItemNotFound) : (item, null);
    }

    /// <summary>
    /// Also resolves occurrences: t:OccurrenceItemId (RecurringMasterId, 1-based InstanceIndex), an occurrence's own
    /// t:ItemId, and t:RecurringMasterItemId (the master of an occurrence or exception). A modified occurrence is its
    /// exception; a deleted one is ErrorCalendarOccurrenceIsDeletedFromRecurrence, one past the series' end
    /// ErrorCalendarOccurrenceIndexIsOutOfRecurrenceRange.
    /// </summary>
    public static (ItemTarget? Target, ResponseError? Error) ResolveTarget(EwsMailbox mailbox, XElement id)
    {
        var value = ((string?)id.Attribute("Id"))?.Trim() ?? "";
        if (id.Name == EwsNamespaces.T + "OccurrenceItemId")
        {
            var master = ((string?)id.Attribute("RecurringMasterId"))?.Trim() ?? "";
            var index = int.Parse(((string?)id.Attribute("InstanceIndex"))!.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture);
            return Occurrence(mailbox, master, index);
        }

        if (id.Name == EwsNamespaces.T + "RecurringMasterItemId")
        {
            var occurrence = ((string?)id.Attribute("OccurrenceId"))?.Trim() ?? "";
            if (EwsIds.TryReadOccurrenceId(occurrence, out var ofOccurrence, out _))
                return mailbox.Item(ofOccurrence) is { } master ? (ItemTarget.Stored(master), null) : (null, ResponseError.ItemNotFound);
            var (exception, error) = Resolve(mailbox, new XElement(EwsNamespaces.T + "ItemId", new XAttribute("Id", occurrence)));
            if (exception == null)
                return (null, error);
            return (ItemTarget.Stored(exception.Master ?? exception), null);
        }

        if (id.Name == EwsNamespaces.T + "ItemId" && EwsIds.TryReadOccurrenceId(value, out var masterId, out var instance))
            return Occurrence(mailbox, masterId, instance);
        var (item, itemError) = Resolve(mailbox, id);
        return item == null ? (null, itemError) : (ItemTarget.Stored(item), null);
    }

    private static (ItemTarget? Target, ResponseError? Error) Occurrence(EwsMailbox mailbox, string masterId, int index)
    {
        if (!EwsIds.IsWellFormed(masterId, EwsIds.ItemKind))
            return (null, ResponseError.IdMalformed);
        if (mailbox.Item(masterId) is not { } master || CalendarSeries.Of(master) is not { } series)
            return (null, ResponseError.ItemNotFound);
        if (series.Occurrence(index) is not { } occurrence)
            return (null, ResponseError.OccurrenceOutOfRange);
        if (master.Exceptions.FirstOrDefault(e => e.InstanceIndex == index) is { } exception)
            return (ItemTarget.Stored(exception), null);
        if (master.DeletedOccurrences.Contains(occurrence.Start))
            return (null, ResponseError.OccurrenceDeleted);
        return (new ItemTarget(null, master, index, occurrence.Start, occurrence.End), null);
    }
}
