using Omm.TestServers;

namespace Omm.PowerShell.Tests;

/// <summary>
/// A source and a destination Dovecot shaped differently, shared by the tests of a class (each test
/// uses its own users): the source separates folders with '/' and names its special folders Sent,
/// Drafts, Trash and Junk; the destination uses '.' and Exchange's names.
/// </summary>
public sealed class MailServers : IDisposable
{
    public const string SourcePassword = "S0urce-Secret-81f3";
    public const string DestinationPassword = "Dest-Secret-77ad";

    public MailServers()
    {
        Source = DovecotServer.Start(new DovecotOptions { Separator = '/', Password = SourcePassword });
        Destination = DovecotServer.Start(new DovecotOptions
        {
            Separator = '.',
            Password = DestinationPassword,
            SpecialFolders = new (string, string?)[]
            {
                ("Sent Items", "\\Sent"), ("Drafts", "\\Drafts"), ("Deleted Items", "\\Trash"), ("Junk E-mail", "\\Junk"),
            },
        });
    }

    public DovecotServer Source { get; }

    public DovecotServer Destination { get; }

    /// <summary>Where the full sample's source folders are expected on the destination.</summary>
    public static string DestinationFolderOf(string sourceFolder) => sourceFolder switch
    {
        "Sent" => "Sent Items",
        "Trash" => "Deleted Items",
        "Junk" => "Junk E-mail",
        SampleMailbox.DottedFolder => "Archive_old",
        _ => sourceFolder.Replace('/', '.'),
    };

    public void Seed(string user, IEnumerable<SeedMessage> messages)
    {
        using var client = RawImapClient.Connect(Source, user);
        SampleMailbox.Seed(client, messages, Source.Options.Separator);
        client.Logout();
    }

    public void Dispose()
    {
        Source.Dispose();
        Destination.Dispose();
    }
}
