using System.Globalization;
using System.Xml.Linq;

namespace Omm.TestServers.Ews;

/// <summary>Reads a request's t:ExtendedProperty (ExtendedFieldURI + Value or Values) and checks the value fits the PropertyType.</summary>
internal static class ExtendedPropertyReader
{
    public static (ExtendedPropertyKey? Key, ExtendedPropertyValue? Value, ResponseError? Error) Read(XElement property)
    {
        var uri = property.T("ExtendedFieldURI");
        var key = uri == null ? null : ExtendedPropertyKey.FromUri(uri);
        if (key == null)
            return (null, null, ResponseError.InvalidPropertySet);
        var type = (string?)uri!.Attribute("PropertyType") ?? "String";
        var values = property.T("Values") is { } many ? many.Ts("Value").Select(v => v.Value).ToList() : [property.T("Value")?.Value ?? ""];
        if (!values.All(v => Fits(type.Replace("Array", "", StringComparison.Ordinal), v)))
            return (key, null, ResponseError.InvalidExtendedPropertyValue);
        return (key, new ExtendedPropertyValue(type, values), null);
    }

    private static bool Fits(string type, string value) => type switch
    {
        "Integer" or "Long" or "Short" => long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
        "Boolean" => EwsXml.ParseBool(value) != null,
        "SystemTime" => EwsXml.ParseDate(value) != null,
        "Double" or "Float" or "Currency" or "ApplicationTime" => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _),
        "CLSID" => Guid.TryParse(value, out _),
        "Binary" => IsBase64(value),
        _ => true,
    };

    private static bool IsBase64(string value) => Convert.TryFromBase64String(value, new byte[value.Length], out _);
}
