using System.Text;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using Omm.Engine.Imap;
using Omm.TestServers;

namespace Omm.Engine.Tests;

/// <summary>
/// Messages are identified from their Message-ID and Subject header fields; state files written while
/// they were identified from ENVELOPE hold ENVELOPE's form of the Message-ID, so both must agree.
/// </summary>
public sealed class MessageIdentityTests
{
    private static readonly string[] MessageIdLines =
    {
        "Message-ID: <simple@example.com>",
        "Message-ID:   <spaced@example.com>   ",
        "Message-ID: <UPPER.Case@Example.COM>",
        "Message-ID: no-brackets@example.com",
        "Message-ID: <commented@example.com> (a comment)",
        "Message-ID: (before) <after-comment@example.com>",
        "Message-ID: <\"quoted local\"@example.com>",
        "Message-ID: <first@example.com> <second@example.com>",
        "Message-ID:\r\n <folded@example.com>",
        "Message-ID: not a message id at all",
        "Message-ID: <no-domain>",
        "Message-ID:",
        "Message-Id: <other-case-name@example.com>",
        "Message-ID: <caf\u00e9@example.com>",
        "",
    };

    [Fact]
    public async Task The_message_id_from_the_header_field_equals_the_one_envelope_gave()
    {
        using var server = DovecotServer.Start(new DovecotOptions());
        var messages = MessageIdLines.Select((line, i) => new SeedMessage("INBOX",
            Encoding.UTF8.GetBytes((line.Length > 0 ? line + "\r\n" : "") + $"Subject: =?UTF-8?Q?caf=C3=A9_{i}?=\r\nFrom: a@example.com\r\n\r\nbody {i}\r\n"),
            Array.Empty<string>(), DateTimeOffset.UtcNow, line)).ToList();
        TestMigrations.Seed(server, "max", messages);

        using var client = new ImapClient();
        await client.ConnectAsync(server.Host, server.Port, SecureSocketOptions.None);
        await client.AuthenticateAsync("max", server.Password);
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
        var byEnvelope = await client.Inbox.FetchAsync(0, -1, MessageSummaryItems.UniqueId | MessageSummaryItems.Envelope);
        var byHeaders = await client.Inbox.FetchAsync(0, -1, CopyLocator.IdentityRequest());

        Assert.Equal(messages.Count, byHeaders.Count);
        for (var i = 0; i < messages.Count; i++)
        {
            Assert.Equal(byEnvelope[i].Envelope!.MessageId, CopyLocator.MessageId(byHeaders[i]));
            Assert.Equal(byEnvelope[i].Envelope!.Subject, CopyLocator.Subject(byHeaders[i]));
        }
        Assert.Equal("simple@example.com", CopyLocator.MessageId(byHeaders[0]));
        Assert.Equal($"café 0", CopyLocator.Subject(byHeaders[0]));
        Assert.Null(CopyLocator.MessageId(byHeaders[^1]));
    }
}
