namespace Omm.TestServers.Ews;

/// <summary>The build the server claims to be: Exchange 2019 CU15, as in the ex2019cu15 recordings (15.2.1748.10, V2017_07_11).</summary>
internal static class ServerVersion
{
    public const int Major = 15;
    public const int Minor = 2;
    public const int MajorBuild = 1748;
    public const int MinorBuild = 10;
    public const string SchemaVersion = "V2017_07_11";
}
