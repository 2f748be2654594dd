using System.Management.Automation;

namespace Omm.PowerShell.Tests;

internal static class PSObjectExtensions
{
    public static T Get<T>(this PSObject value, string property)
    {
        var raw = value.Properties[property]?.Value ?? throw new InvalidOperationException($"No property {property} on {value}.");
        return raw is PSObject wrapped ? (T)wrapped.BaseObject : (T)LanguagePrimitives.ConvertTo(raw, typeof(T));
    }

    public static string? Text(this PSObject value, string property) => value.Properties[property]?.Value?.ToString();

    public static IReadOnlyList<PSObject> Items(this PSObject value, string property)
    {
        var raw = value.Properties[property]?.Value;
        if (raw is PSObject wrapped)
            raw = wrapped.BaseObject;
        return raw is System.Collections.IEnumerable items
            ? items.Cast<object>().Select(PSObject.AsPSObject).ToList()
            : Array.Empty<PSObject>();
    }
}
