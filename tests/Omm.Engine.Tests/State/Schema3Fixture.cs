using System.Text.Encodings.Web;
using System.Text.Json;
using Omm.TestServers;

namespace Omm.Engine.Tests.State;

/// <summary>
/// The committed state file of schema 3 and the server data it describes (Schema3Fixture/, see its README):
/// where each part is, how its servers were shaped, and what the migrations left on them.
/// </summary>
internal static class Schema3Fixture
{
    public const string SourceUser = "amy";
    public const string EmlUser = "eml";
    public const string MboxUser = "mbox";

    public static string Directory => Path.Combine(RepositoryPaths.Root, "tests", "Omm.Engine.Tests", "State", "Schema3Fixture");

    public static string StateFile(string root) => Path.Combine(root, "state.db");

    /// <summary>
    /// The source server's mail folder (a maildir per user), as a tar: it keeps what git would not (file modification
    /// times, which are the messages' INTERNALDATE; empty tmp/ and new/ folders) and names git cannot check out everywhere (':2,S').
    /// </summary>
    public static string SourceMailArchive(string root) => Path.Combine(root, "source-mail.tar");

    public static string DestinationMailArchive(string root) => Path.Combine(root, "destination-mail.tar");

    public static string Files(string root) => Path.Combine(root, "files");

    public static string ExpectationsFile(string root) => Path.Combine(root, "expected.json");

    /// <summary>The source keeps '/' (LAYOUT=fs), the destination '.' (Maildir++), so that nested folders are mapped.</summary>
    public static DovecotOptions SourceOptions(string? mailFrom = null) => new() { MailFrom = mailFrom };

    public static DovecotOptions DestinationOptions(string? mailFrom = null) => new() { Separator = '.', MailFrom = mailFrom };

    public static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Schema3Expectations ReadExpectations(string root) =>
        JsonSerializer.Deserialize<Schema3Expectations>(File.ReadAllText(ExpectationsFile(root)), Json)
        ?? throw new InvalidDataException($"{ExpectationsFile(root)} is empty.");
}
