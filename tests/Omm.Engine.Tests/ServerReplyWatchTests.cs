using System.Net;
using System.Text;
using Omm.Engine.Endpoints;
using Omm.Engine.Connectors.Imap;

namespace Omm.Engine.Tests;

/// <summary>How the bytes a server sends are read for status responses: codes, BYE, literals skipped, any chunking.</summary>
public sealed class ServerReplyWatchTests
{
    private const string Fetch =
        "* 1 FETCH (UID 7 BODY[] {53}\r\n" +
        "Subject: trap\r\n\r\n* BYE fake\r\nA9 NO [OVERQUOTA] fake\r\n)\r\n" +
        "A5 NO [UNAVAILABLE] Backend down (0.001 + 0.000 secs).\r\n";

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4096)]
    public void A_completion_is_read_with_its_code_and_lines_inside_a_literal_are_not_responses(int chunk)
    {
        var watch = new ServerReplies().Watch();

        Feed(watch, Fetch, chunk);

        var completion = watch.LastCompletion!;
        Assert.Equal("NO", completion.Status);
        Assert.Equal("UNAVAILABLE", completion.Code);
        Assert.Equal("Backend down (0.001 + 0.000 secs).", completion.Text);
        Assert.Null(watch.Bye);
    }

    [Fact]
    public void A_bye_is_kept_unless_it_answers_logout()
    {
        var watch = new ServerReplies().Watch();
        Feed(watch, "* OK [CAPABILITY IMAP4rev1] ready\r\nA1 OK done\r\n* BYE [UNAVAILABLE] Shutting down\r\n", 4096);

        Assert.Equal("OK", watch.LastCompletion!.Status);
        Assert.Equal("[UNAVAILABLE] Shutting down", watch.Bye!.ToString());
        Assert.NotNull(watch.TakeBye());
        Assert.Null(watch.TakeBye());

        var client = Encoding.ASCII.GetBytes("A2 LOGOUT\r\n");
        watch.LogClient(client, 0, client.Length);
        Feed(watch, "* BYE Logging out\r\nA2 OK Logout completed.\r\n", 4096);
        Assert.Null(watch.Bye);
    }

    [Fact]
    public void A_refusal_is_found_on_the_side_that_sent_it_by_its_text()
    {
        var side = new AccountEndpoint(EndpointRole.Destination, ServerType.Imap, ServerAddress.Parse("127.0.0.1:1"),
            ConnectionSecurity.None, new NetworkCredential("gil", "x"), false);
        var replies = ServerReplies.Of(side);
        using var busy = replies.Watch();
        using var other = replies.Watch();
        Feed(busy, "A3 NO [OVERQUOTA] Quota exceeded\r\n", 4096);
        Feed(other, "B3 NO Something else\r\n", 4096);

        var refusal = replies.RefusalOf(new MailKit.Net.Imap.ImapCommandException(MailKit.Net.Imap.ImapCommandResponse.No, "Quota exceeded", "The IMAP server replied NO"));

        Assert.Equal("OVERQUOTA", refusal!.Code);
        Assert.Null(ServerReplies.Of(side).RefusalOf(new MailKit.Net.Imap.ImapCommandException(MailKit.Net.Imap.ImapCommandResponse.No, "Never said", "NO")));
    }

    private static void Feed(ServerReplyWatch watch, string text, int chunk)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        for (var offset = 0; offset < bytes.Length; offset += chunk)
            watch.LogServer(bytes, offset, Math.Min(chunk, bytes.Length - offset));
    }
}
