using System.Security.Cryptography;
using Omm.Engine.ContentLines;

namespace Omm.Engine.Tests.Groupware;

/// <summary>
/// What a vCard or iCalendar object says, as sorted lines that do not depend on how a server writes it
/// back (folding, property and parameter order, case of names, TYPE lists split or joined, escaping of
/// characters that need none). Binary values (photos) are reduced to the SHA-256 of their bytes.
/// </summary>
internal static class ContentFacts
{
    private static readonly HashSet<string> Ignored = new(StringComparer.OrdinalIgnoreCase) { "PRODID", "VERSION" };
    private static readonly HashSet<string> IgnoredParameters = new(StringComparer.OrdinalIgnoreCase) { "ENCODING", "CHARSET" };

    public static IReadOnlyList<string> Of(string text) =>
        ReadWhole(text).SelectMany(c => Of(c, c.Name.ToUpperInvariant())).OrderBy(f => f, StringComparer.Ordinal).ToList();

    /// <summary>Facts of each component in the text, by its UID (and RECURRENCE-ID when it overrides an instance).</summary>
    public static Dictionary<string, List<string>> ByUid(string text)
    {
        var result = new Dictionary<string, List<string>>();
        foreach (var top in ReadWhole(text))
        {
            var items = top.Is("VCALENDAR") ? top.Components.Where(c => !c.Is("VTIMEZONE")) : new[] { top };
            foreach (var item in items)
            {
                var key = (item.Property("UID")?.Value ?? "?") + (item.Property("RECURRENCE-ID") is { } recurrence ? "@" + recurrence.Value : string.Empty);
                if (!result.TryGetValue(key, out var facts))
                    result[key] = facts = new List<string>();
                facts.AddRange(Of(item, item.Name.ToUpperInvariant()));
                facts.Sort(StringComparer.Ordinal);
            }
        }

        return result;
    }

    /// <summary>The components of a text that must read whole: what a server or Omm wrote. A line the reader would leave out fails the test instead.</summary>
    private static IReadOnlyList<ContentComponent> ReadWhole(string text)
    {
        var reading = ContentLineReader.Read(text);
        var problems = reading.StrayText.Select(s => s.ToProblem()).Concat(reading.Components.SelectMany(Problems)).ToList();
        if (problems.Count > 0)
            throw new InvalidOperationException($"Not whole vCard/iCalendar text: {string.Join(" ", problems)}\n{text}");
        return reading.Components;
    }

    private static IEnumerable<ContentLineProblem> Problems(ContentComponent component) =>
        component.DroppedLines.Concat(component.Fault != null ? new[] { component.Fault } : []).Concat(component.Components.SelectMany(Problems));

    private static IEnumerable<string> Of(ContentComponent component, string path)
    {
        foreach (var property in component.Properties.Where(p => !Ignored.Contains(p.Name)))
            yield return $"{path} {Fact(property)}";
        foreach (var child in component.Components)
        {
            foreach (var fact in Of(child, path + "/" + child.Name.ToUpperInvariant()))
                yield return fact;
        }
    }

    /// <summary>
    /// Radicale (vobject) reads each part of an ADR as a list and drops a comma that ends a part, escaped or
    /// not ("Silicon Alley 5\\," comes back "Silicon Alley 5"): the one change the server makes that is not
    /// only a matter of spelling, compared without it.
    /// </summary>
    private static string WithoutTrailingCommas(ContentLine property) =>
        property.Is("ADR") ? System.Text.RegularExpressions.Regex.Replace(property.Value, @"(\\?,)+(?=;|$)", string.Empty) : property.Value;

    private static string Fact(ContentLine property)
    {
        var name = (property.Group == null ? string.Empty : property.Group.ToUpperInvariant() + ".") + property.Name.ToUpperInvariant();
        var types = property.Parameters.Where(p => p.Is("TYPE") || p.IsBare).SelectMany(p => p.Values)
            .Select(v => v.ToUpperInvariant()).Distinct().OrderBy(v => v, StringComparer.Ordinal);
        var others = property.Parameters.Where(p => !p.Is("TYPE") && !p.IsBare && !IgnoredParameters.Contains(p.Name!))
            .Where(p => !(p.Is("VALUE") && p.Value.Equals("TEXT", StringComparison.OrdinalIgnoreCase)))
            .Select(p => p.Name!.ToUpperInvariant() + "=" + p.Value)
            .OrderBy(p => p, StringComparer.Ordinal);
        var value = property.IsBase64
            ? "sha256:" + Convert.ToHexString(SHA256.HashData(Convert.FromBase64String(string.Concat(property.Value.Where(c => !char.IsWhiteSpace(c))))))
            : ContentLineText.Unescape(WithoutTrailingCommas(property));
        return $"{name} [{string.Join(",", types)}] [{string.Join(";", others)}] {value}";
    }
}
