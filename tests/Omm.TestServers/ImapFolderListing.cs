namespace Omm.TestServers;

/// <summary>One LIST response line: attributes, hierarchy separator and decoded name.</summary>
public sealed record ImapFolderListing(IReadOnlyList<string> Attributes, char? Separator, string Name);
