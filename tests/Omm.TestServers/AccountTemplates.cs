namespace Omm.TestServers;

/// <summary>The header rows of the account list formats Omm reads.</summary>
public static class AccountTemplates
{
    /// <summary>OVH Mail Migrator's 10-column project template, verbatim.</summary>
    public static readonly string[] Ovh =
    {
        "Source Type(IMAP/Exchange/POP)", "Source Server url", "Source Login/Mail", "Source Password", "Destination Type",
        "Destination Url(can be leaved empty if hosted by OVH)", "Destination Mail", "Destination Password",
        "Source admin mail (delegation)", "Destination Admin Mail (delegation)",
    };

    /// <summary>Exchange Online's IMAP migration CSV: destination mailbox, source login and password.</summary>
    public static readonly string[] ExchangeOnline = { "EmailAddress", "UserName", "Password" };

    public static string Csv(IEnumerable<IReadOnlyList<string>> rows, char delimiter) =>
        string.Join("\r\n", rows.Select(row => string.Join(delimiter, row.Select(cell => Quote(cell, delimiter))))) + "\r\n";

    private static string Quote(string cell, char delimiter) =>
        cell.IndexOfAny(new[] { delimiter, '"', '\r', '\n', '(', ' ' }) >= 0 ? "\"" + cell.Replace("\"", "\"\"") + "\"" : cell;
}
