namespace Omm.TestServers.Ews;

/// <summary>A per-message error: ResponseCode and MessageText as Exchange words them (texts from the recordings where they show one).</summary>
internal sealed record ResponseError(string Code, string Text)
{
    public static readonly ResponseError ItemNotFound = new("ErrorItemNotFound", "The specified object was not found in the store.");
    public static readonly ResponseError FolderNotFound = new("ErrorFolderNotFound", "The specified folder could not be found in the store.");
    public static readonly ResponseError ParentFolderNotFound = new("ErrorParentFolderNotFound", "The specified parent folder could not be found.");
    public static readonly ResponseError FolderExists = new("ErrorFolderExists", "A folder with the specified name already exists.");
    public static readonly ResponseError IdMalformed = new("ErrorInvalidIdMalformed", "Id is malformed.");
    public static readonly ResponseError DeleteDistinguishedFolder = new("ErrorDeleteDistinguishedFolder", "Distinguished folders cannot be deleted.");
    public static readonly ResponseError QuotaExceeded = new("ErrorQuotaExceeded", "The mailbox quota has been exceeded.");
    public static readonly ResponseError MessageSizeExceeded = new("ErrorMessageSizeExceeded", "The message exceeds the maximum supported size.");
    public static readonly ResponseError MimeConversionFailed = new("ErrorMimeContentConversionFailed", "Content conversion: Failed due to corrupt MIME content.");
    public static readonly ResponseError InvalidPropertySet = new("ErrorInvalidPropertySet", "The property cannot be set on this item.");
    public static readonly ResponseError InvalidExtendedPropertyValue = new("ErrorInvalidExtendedPropertyValue", "The extended property value is invalid.");
    public static readonly ResponseError InvalidSyncState = new("ErrorInvalidSyncStateData", "Synchronization state data is corrupt or otherwise invalid.");
    public static readonly ResponseError StaleChangeKey = new("ErrorIrresolvableConflict", "The send or update operation could not be performed because the change key passed in the request does not match the current change key for the item.");
    public static readonly ResponseError InvalidPropertyAppend = new("ErrorInvalidPropertyAppend", "This property does not support append.");
    public static readonly ResponseError InvalidPropertyDelete = new("ErrorInvalidPropertyDelete", "This property cannot be deleted.");
    public static readonly ResponseError SendMeetingInvitationsRequired = new("ErrorSendMeetingInvitationsRequired", "SendMeetingInvitations attribute is required for Calendar items.");
    public static readonly ResponseError SendMeetingInvitationsOrCancellationsRequired = new("ErrorSendMeetingInvitationsOrCancellationsRequired", "SendMeetingInvitationsOrCancellations attribute is required for Calendar items.");
    public static readonly ResponseError SendMeetingCancellationsRequired = new("ErrorSendMeetingCancellationsRequired", "SendMeetingCancellations attribute is required for Calendar items.");
    public static readonly ResponseError OccurrenceOutOfRange = new("ErrorCalendarOccurrenceIndexIsOutOfRecurrenceRange", "Occurrence index is out of recurrence range.");
    public static readonly ResponseError OccurrenceDeleted = new("ErrorCalendarOccurrenceIsDeletedFromRecurrence", "Occurrence with this index was previously deleted from the recurrence.");
    public static readonly ResponseError InvalidAttachmentId = new("ErrorInvalidAttachmentId", "The attachment id is invalid.");
}
