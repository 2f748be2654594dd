using Omm.Engine.Connectors;
using Omm.Engine.Connectors.Files;
using Omm.Engine.Connectors.Pop3;
using Omm.Engine.Folders;
using Omm.Engine.Tests.Connectors.Pop3;
using Omm.TestServers;

namespace Omm.Engine.Tests.Connectors;

/// <summary>The mail-source contract against Dovecot's POP3 service, with real messages of the team's fixtures.</summary>
public sealed class Pop3MailSourceContractTests : MailSourceContract, IDisposable
{
    private const string User = "contract";
    private readonly DovecotServer server = DovecotServer.Start(new DovecotOptions { Pop3 = true });
    private readonly IReadOnlyList<string> expected;

    public Pop3MailSourceContractTests()
    {
        var messages = SampleMailbox.Fixtures().Take(8).Select(m => LineEnds.Crlf(m.Bytes)).Where(EndsWithLine).ToArray();
        Pop3Accounts.Seed(server, User, messages);
        expected = messages.Select(Sha).ToList();
    }

    private protected override IReadOnlyList<string>? Expected => expected;

    private protected override IMailSource Open() => new Pop3MailSource(Pop3Accounts.Endpoint(server, User));

    public void Dispose() => server.Dispose();

    private static bool EndsWithLine(byte[] bytes) => bytes.Length >= 2 && bytes[^2] == '\r' && bytes[^1] == '\n';
}

/// <summary>The mail-source contract against a folder tree of .eml files.</summary>
public sealed class EmlMailSourceContractTests : MailSourceContract, IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("omm-eml-contract-").FullName;
    private readonly IReadOnlyList<string> expected;

    public EmlMailSourceContractTests()
    {
        var messages = SampleMailbox.Fixtures().Take(6).Select(m => LineEnds.Crlf(m.Bytes)).ToList();
        Directory.CreateDirectory(Path.Combine(directory, "Work"));
        for (var i = 0; i < messages.Count; i++)
            File.WriteAllBytes(Path.Combine(directory, i % 2 == 0 ? "" : "Work", $"message {i}.eml"), messages[i]);
        expected = messages.Select(Sha).ToList();
    }

    private protected override IReadOnlyList<string>? Expected => expected;

    private protected override IMailSource Open() => new ArchiveMailSource(directory);

    public void Dispose() => Directory.Delete(directory, recursive: true);
}

/// <summary>The mail-source contract against a real PST (messages rebuilt as MIME, so only stability and form are checked).</summary>
public sealed class PstMailSourceContractTests : MailSourceContract
{
    private protected override IReadOnlyList<string>? Expected => null;

    private protected override IMailSource Open() => new ArchiveMailSource(Path.Combine(RepositoryPaths.SharedFixtures, "pst", "sample1-unicode.pst"));
}

/// <summary>The mail-source contract against the in-memory source the pass tests use.</summary>
public sealed class InMemoryMailSourceContractTests : MailSourceContract
{
    private protected override IReadOnlyList<string>? Expected =>
        new[] { Sha(InMemoryMailSource.Bytes("k1", "one")), Sha(InMemoryMailSource.Bytes("k2", "two")), Sha(InMemoryMailSource.Bytes("k3", "three")) };

    private protected override IMailSource Open() =>
        new InMemoryMailSource().Folder("INBOX", FolderRole.Inbox).Add("k1", "one").Add("k2", "two").Folder("Old").Add("k3", "three");
}
