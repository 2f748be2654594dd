namespace Omm.TestServers.Ews;

/// <summary>A file attachment as it was when taken.</summary>
public sealed record EwsAttachmentSnapshot(
    string AttachmentId,
    string Name,
    string? ContentType,
    string? ContentId,
    bool IsInline,
    bool IsContactPhoto,
    DateTimeOffset LastModifiedTime,
    byte[] Content);
