using System.Globalization;
using System.Xml.Linq;

namespace Omm.TestServers.Ews;

/// <summary>Small helpers to read request elements by namespace and write values as Exchange does.</summary>
internal static class EwsXml
{
    /// <summary>UTC to the second with a Z, as in every recording ("2025-07-05T21:50:08Z").</summary>
    public static string Date(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Bool(bool value) => value ? "true" : "false";

    public static XElement? M(this XElement element, string name) => element.Element(EwsNamespaces.M + name);

    public static XElement? T(this XElement element, string name) => element.Element(EwsNamespaces.T + name);

    public static IEnumerable<XElement> Ts(this XElement element, string name) => element.Elements(EwsNamespaces.T + name);

    public static XElement TElement(string name, params object?[] content) => new(EwsNamespaces.T + name, content);

    /// <summary>A deep copy without namespace declarations, so that it can be written into a response under the response's own prefixes.</summary>
    public static XElement Detached(XElement element) => new(
        element.Name,
        element.Attributes().Where(a => !a.IsNamespaceDeclaration),
        element.Nodes().Select(XNode? (n) => n is XElement child ? Detached(child) : n is XText text ? new XText(text.Value) : null));

    public static bool? ParseBool(string? text) => text?.Trim() switch
    {
        "true" or "1" => true,
        "false" or "0" => false,
        _ => null,
    };

    public static DateTimeOffset? ParseDate(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value) ? value : null;
}
