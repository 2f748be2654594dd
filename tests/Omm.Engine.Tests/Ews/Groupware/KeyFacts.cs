using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Omm.Engine.Contacts;

namespace Omm.Engine.Tests.Ews.Groupware;

/// <summary>
/// What must survive a trip through Exchange's typed contacts, by property: names, every e-mail, phone (with its kind) and
/// address, organisation, title, birthday, categories, note and photo bytes. Spelling that Exchange's fields cannot keep
/// (TYPE lists, N's order of parts, folding) is normalised away; everything else must be equal.
/// </summary>
internal static class KeyFacts
{
    public static IReadOnlyList<(string Property, string Fact)> Of(VCard card)
    {
        var facts = new List<(string, string)>();
        foreach (var property in card.DecodedProperties)
        {
            var name = property.Name.ToUpperInvariant();
            switch (name)
            {
                case "FN":
                case "TITLE":
                case "NOTE":
                    if (property.Value.Trim().Length > 0)
                        facts.Add((name, $"{name} {Words(property.Value)}"));
                    break;
                case "N":
                    foreach (var part in property.Components.Select(c => Words(string.Join(" ", c))).Where(p => p.Length > 0))
                        facts.Add((name, "N " + part));
                    break;
                case "ORG":
                    if (property.Components.Count > 0 && Words(string.Join(" ", property.Components[0])) is { Length: > 0 } company)
                        facts.Add((name, "ORG " + company));
                    break;
                case "EMAIL":
                    facts.Add((name, "EMAIL " + property.Value.Trim().ToLowerInvariant()));
                    break;
                case "TEL":
                    facts.Add((name, $"TEL {PhoneKind(property.Types)} {Digits(property.Value)}"));
                    break;
                case "ADR":
                    var parts = Words(string.Join(" ", property.Components.SelectMany(c => c)));
                    if (parts.Length > 0)
                        facts.Add((name, $"ADR {AddressKind(property.Types)} {parts}"));
                    break;
                case "BDAY":
                    var digits = Regex.Replace(property.Value, @"[^0-9]", string.Empty);
                    facts.Add((name, "BDAY " + (digits.Length >= 8 ? digits[..8] : property.Value.Trim())));
                    break;
                case "CATEGORIES":
                    foreach (var category in property.Components.SelectMany(c => c).Where(c => c.Trim().Length > 0))
                        facts.Add((name, "CATEGORIES " + category.Trim()));
                    break;
                case "PHOTO":
                    if (property.Data != null)
                        facts.Add((name, "PHOTO sha256:" + Convert.ToHexString(SHA256.HashData(property.Data))));
                    break;
            }
        }

        return facts.Distinct().ToList();
    }

    private static string Words(string text) => Regex.Replace(text.Replace("\\n", " "), @"[\s,]+", " ").Trim();

    private static string Digits(string text) => Regex.Replace(text, @"[^0-9+]", string.Empty);

    private static string PhoneKind(IReadOnlyList<string> types)
    {
        var upper = types.Select(t => t.ToUpperInvariant()).ToList();
        return upper.Contains("FAX") ? "FAX" : upper.Contains("PAGER") ? "PAGER" : upper.Contains("CELL") ? "CELL"
            : upper.Contains("WORK") ? "WORK" : upper.Contains("HOME") ? "HOME" : "OTHER";
    }

    private static string AddressKind(IReadOnlyList<string> types)
    {
        var upper = types.Select(t => t.ToUpperInvariant()).ToList();
        return upper.Contains("WORK") ? "WORK" : upper.Contains("HOME") ? "HOME" : "OTHER";
    }
}
