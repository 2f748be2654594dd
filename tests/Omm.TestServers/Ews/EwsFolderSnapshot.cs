namespace Omm.TestServers.Ews;

/// <summary>A folder of the EWS test server: its path below msgfolderroot ('/'-separated display names), class and counts.</summary>
public sealed record EwsFolderSnapshot(string FolderId, string Path, string FolderClass, string? DistinguishedId, int TotalCount, int UnreadCount, int ChildFolderCount);
