using System.Globalization;
using System.Net;
using System.Text;
using Omm.Engine.Connectors;
using Omm.Engine.Connectors.Pop3;
using Omm.Engine.Endpoints;
using Omm.TestServers;

namespace Omm.Engine.Tests.Connectors.Pop3;

/// <summary>Seeding a Dovecot account over IMAP and reading it back with <see cref="Pop3MailSource"/>.</summary>
internal static class Pop3Accounts
{
    public static AccountEndpoint Endpoint(string address, string user, string password, ConnectionSecurity security = ConnectionSecurity.None,
        bool skipCertificateCheck = false) =>
        new(EndpointRole.Source, ServerType.Pop3, ServerAddress.Parse(address), security, new NetworkCredential(user, password), skipCertificateCheck)
        {
            StallTimeout = TimeSpan.FromSeconds(10),
        };

    public static AccountEndpoint Endpoint(DovecotServer server, string user) => Endpoint(server.Pop3Address, user, server.Password);

    /// <summary>Appends the messages to INBOX over IMAP; returns the UIDL Dovecot gives each (pop3_uidl_format %08Xu%08Xv, lower-case hex).</summary>
    public static IReadOnlyList<string> Seed(DovecotServer server, string user, params byte[][] messages)
    {
        using var imap = RawImapClient.Connect(server, user);
        var uids = messages.Select(m => imap.Append("INBOX", m, Array.Empty<string>(), new DateTimeOffset(2020, 1, 2, 3, 4, 5, TimeSpan.Zero))).ToList();
        var validity = imap.UidValidity("INBOX");
        imap.Logout();
        return uids.Select(uid => string.Create(CultureInfo.InvariantCulture, $"{uid:x8}{validity:x8}")).ToList();
    }

    public static async Task<(SourceFolder Folder, List<SourceMessage> Messages)> OpenAsync(IMailSource source)
    {
        var folders = await source.OpenAsync(CancellationToken.None);
        var folder = Assert.Single(folders);
        return (folder, folder.Messages().ToList());
    }

    public static async Task<(byte[] Bytes, MessageReading Reading)> ReadAsync(SourceMessage message)
    {
        using var output = new MemoryStream();
        var reading = await message.ReadAsync(output, CancellationToken.None);
        return (output.ToArray(), reading);
    }

    /// <summary>A small message with CRLF line ends from header lines and body lines.</summary>
    public static byte[] Message(IEnumerable<string> headers, params string[] body) =>
        Encoding.UTF8.GetBytes(string.Join("\r\n", headers) + "\r\n\r\n" + string.Join("\r\n", body) + "\r\n");

    public static byte[] Simple(string? messageId, string subject, string? date = "Tue, 3 Mar 2020 10:00:00 +0100") =>
        Message(new[] { "From: Alice <alice@example.org>", "To: Bob <bob@example.net>", $"Subject: {subject}" }
            .Concat(messageId != null ? new[] { $"Message-ID: <{messageId}>" } : Array.Empty<string>())
            .Concat(date != null ? new[] { "Date: " + date } : Array.Empty<string>()), "Hello " + subject);
}
