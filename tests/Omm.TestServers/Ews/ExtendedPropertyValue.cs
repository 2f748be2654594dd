namespace Omm.TestServers.Ews;

/// <summary>A stored extended property: its EWS type name (String, Integer, SystemTime, Boolean, ...) and its value(s) as EWS writes them.</summary>
public sealed record ExtendedPropertyValue(string Type, IReadOnlyList<string> Values)
{
    public bool IsMultiValued => Type.EndsWith("Array", StringComparison.Ordinal);

    public string Value => Values.Count > 0 ? Values[0] : string.Empty;

    public static ExtendedPropertyValue Single(string type, string value) => new(type, [value]);
}
