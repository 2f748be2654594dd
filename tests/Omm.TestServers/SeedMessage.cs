namespace Omm.TestServers;

/// <summary>A message to put into a source account, exactly as given.</summary>
public sealed record SeedMessage(string Folder, byte[] Bytes, IReadOnlyList<string> Flags, DateTimeOffset InternalDate, string Description);
