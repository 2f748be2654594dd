namespace Omm.TestServers.Ews;

/// <summary>
/// What an item id names: a stored item (a message, a contact, a single appointment, a series' master or one of its
/// exceptions), or an unmodified occurrence of a series, which exists only as its master and index.
/// </summary>
internal sealed record ItemTarget(EwsItem? Item, EwsItem? Master, int Index, DateTimeOffset Start, DateTimeOffset End)
{
    public static ItemTarget Stored(EwsItem item) => new(item, null, 0, default, default);

    public bool IsOccurrence => Item == null;

    /// <summary>The stored item, or the master of an occurrence.</summary>
    public EwsItem Owner => Item ?? Master!;

    public bool IsCalendarItem => Owner.IsCalendarItem;

    /// <summary>The id a response gives it: the stored item's, or the occurrence's own.</summary>
    public string Id => Item?.Id ?? EwsIds.OccurrenceId(Master!.Id, Index);

    public EwsItemSnapshot Snapshot() => Item?.Snapshot() ?? GroupwareFields.OccurrenceSnapshot(Master!, Index, Start, End);
}
