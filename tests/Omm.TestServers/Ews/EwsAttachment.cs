namespace Omm.TestServers.Ews;

/// <summary>A file attachment of an item (a contact's photo, a file on an appointment); changed only under the server's lock.</summary>
internal sealed class EwsAttachment(string id, string name, string? contentType, byte[] content)
{
    public string Id { get; } = id;

    public string Name { get; } = name;

    public string? ContentType { get; } = contentType;

    public string? ContentId { get; init; }

    public bool IsInline { get; init; }

    public bool IsContactPhoto { get; init; }

    public byte[] Content { get; } = content;

    public DateTimeOffset LastModified { get; init; }

    public EwsAttachmentSnapshot Snapshot() => new(Id, Name, ContentType, ContentId, IsInline, IsContactPhoto, LastModified, [.. Content]);
}
