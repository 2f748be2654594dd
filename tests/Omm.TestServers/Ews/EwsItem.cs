using System.Xml.Linq;

namespace Omm.TestServers.Ews;

/// <summary>A stored item (its MIME and its MAPI-ish properties); changed only under the server's lock.</summary>
internal sealed class EwsItem(string id, EwsFolder folder, ItemContent content)
{
    public const int ReadFlag = 0x1;
    public const int UnsentFlag = 0x8;

    public string Id { get; } = id;

    public EwsFolder Folder { get; set; } = folder;

    public ItemContent Content { get; set; } = content;

    public long ChangeNumber { get; set; }

    /// <summary>Grows on every change except of the read flag, so that a sync can tell a ReadFlagChange from an Update.</summary>
    public int ContentVersion { get; set; }

    public string ChangeKey => EwsIds.ChangeKey(EwsIds.ItemKind, ChangeNumber);

    public string ItemClass { get; set; } = "IPM.Note";

    public string? Subject { get; set; }

    public string? InternetMessageId { get; set; }

    public string? FromName { get; set; }

    public string? FromAddress { get; set; }

    /// <summary>PR_MESSAGE_FLAGS: 0x1 read, 0x8 unsent (a draft).</summary>
    public int MessageFlags { get; set; }

    public bool IsRead
    {
        get => (MessageFlags & ReadFlag) != 0;
        set => MessageFlags = value ? MessageFlags | ReadFlag : MessageFlags & ~ReadFlag;
    }

    public bool IsDraft => (MessageFlags & UnsentFlag) != 0;

    /// <summary>NotFlagged, Flagged or Complete.</summary>
    public string FlagStatus { get; set; } = "NotFlagged";

    public List<string> Categories { get; set; } = [];

    public string Importance { get; set; } = "Normal";

    public string Sensitivity { get; set; } = "Normal";

    public DateTimeOffset Received { get; set; }

    public DateTimeOffset Sent { get; set; }

    public DateTimeOffset Created { get; set; }

    public DateTimeOffset LastModified { get; set; }

    public long Size => Properties == null ? Content.Length : GroupwareFields.EstimatedSize(this);

    /// <summary>Contact, DistributionList, CalendarItem or Task for an item kept by its typed properties; null for a MIME message.</summary>
    public string? Kind { get; set; }

    /// <summary>The typed property elements of a groupware item as the client sent them, by local name; null for a MIME message.</summary>
    public Dictionary<string, XElement>? Properties { get; set; }

    public List<EwsAttachment> Attachments { get; } = [];

    /// <summary>Of a recurring master: its modified occurrences, each an item of its own (not in the folder's list).</summary>
    public List<EwsItem> Exceptions { get; } = [];

    /// <summary>Of a recurring master: the original starts of deleted occurrences.</summary>
    public List<DateTimeOffset> DeletedOccurrences { get; } = [];

    /// <summary>Of an exception: its series' master, the 1-based index of the occurrence it replaces, and that occurrence's start.</summary>
    public EwsItem? Master { get; set; }

    public int InstanceIndex { get; set; }

    public DateTimeOffset? OriginalStart { get; set; }

    /// <summary>Whether a CreateItem or UpdateItem sent meeting requests for it (MeetingRequestWasSent).</summary>
    public bool MeetingRequestWasSent { get; set; }

    public bool IsCalendarItem => Kind == "CalendarItem";

    /// <summary>ExportItems refuses it (ErrorItemCorrupt), as Exchange does an item it cannot read whole.</summary>
    public bool RefusesExport { get; set; }

    public Dictionary<ExtendedPropertyKey, ExtendedPropertyValue> Extended { get; } = [];

    public EwsItemSnapshot Snapshot() => new(
        Id,
        ChangeKey,
        Folder.Id,
        Folder.Path,
        ItemClass,
        Subject,
        InternetMessageId,
        FromName,
        FromAddress,
        IsRead,
        IsDraft,
        MessageFlags,
        FlagStatus,
        [.. Categories],
        Importance,
        Sensitivity,
        Received,
        Sent,
        Created,
        LastModified,
        Size,
        new Dictionary<ExtendedPropertyKey, ExtendedPropertyValue>(Extended),
        Content)
    {
        Groupware = Properties == null ? null : GroupwareFields.Snapshot(this),
    };
}
