using System.Security.Cryptography;
using MimeKit;
using Omm.Engine.Connectors.Files.Pst;
using Omm.Engine.Connectors.Files.Pst.Messaging;

namespace Omm.Engine.Tests.Pst;

/// <summary>Messages rebuilt as MIME: attachments (XBLOCK data), embedded messages, addresses, bodies.</summary>
public class PstMimeTests
{
    /// <summary>SHA-256 of leah_thumper.jpg as pffexport and readpst extract it from sample1/sample2.</summary>
    private const string JpegSha256 = "6cbde5154184f68a2ccefbe1a2d5520efd473576dc60e13665f5706080548f8e";

    [Theory]
    [InlineData("sample1-unicode.pst", true)]
    [InlineData("sample2-ansi.pst", false)]
    public void The_sample_jpeg_spans_an_xblock_and_decodes_whole(string fixture, bool unicode)
    {
        using var pst = PstFile.Open(PstFixtures.PathOf(fixture));
        Assert.Equal(unicode, pst.IsUnicode);
        var message = Single(pst);
        Assert.Equal("Here is a sample message", message.Subject);

        var attachment = Assert.Single(message.Attachments);
        Assert.Equal("leah_thumper.jpg", attachment.FileName);
        Assert.Equal(93142, attachment.Size);
        var content = attachment.GetContent();
        using (var stream = attachment.OpenRead())
        {
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            Assert.Equal(content, copy.ToArray());
        }

        var mime = message.ToMimeMessage();
        var part = Assert.Single(mime.Attachments.OfType<MimePart>());
        Assert.Equal("leah_thumper.jpg", part.FileName);
        Assert.True(part.ContentType.IsMimeType("image", "jpeg"));
        using var decoded = new MemoryStream();
        part.Content!.DecodeTo(decoded);
        var bytes = decoded.ToArray();
        Assert.Equal(93142, bytes.Length);
        Assert.Equal(content, bytes);
        Assert.Equal(JpegSha256, Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant());
        Assert.Equal((720, 540), JpegSize(bytes));
    }

    [Fact]
    public void Ansi_and_unicode_twins_give_the_same_message()
    {
        using var unicode = PstFile.Open(PstFixtures.PathOf("sample1-unicode.pst"));
        using var ansi = PstFile.Open(PstFixtures.PathOf("sample2-ansi.pst"));
        var a = Single(unicode);
        var b = Single(ansi);
        Assert.Equal(a.Subject, b.Subject);
        Assert.Equal(a.DeliveryTime, b.DeliveryTime);
        Assert.Equal(a.SubmitTime, b.SubmitTime);
        Assert.Equal(a.InternetMessageId, b.InternetMessageId);
        Assert.Equal(a.Recipients.Select(r => r.ToString()), b.Recipients.Select(r => r.ToString()));
        // The ANSI twin stores its plain body with straight quotes where the Unicode one has U+2019 (pffexport
        // shows the same); the HTML bodies are identical.
        Assert.Equal(a.ToMimeMessage().TextBody!.Replace('\u2019', '\''), b.ToMimeMessage().TextBody);
        Assert.Equal(a.ToMimeMessage().HtmlBody, b.ToMimeMessage().HtmlBody);
        Assert.Equal(a.Attachments.Single().GetContent(), b.Attachments.Single().GetContent());
    }

    [Fact]
    public void Message_flags_and_dates_come_from_the_properties()
    {
        using var pst = PstFile.Open(PstFixtures.PathOf("sample1-unicode.pst"));
        var message = Single(pst);
        Assert.Equal("IPM.Note", message.MessageClass);
        Assert.True(message.IsRead);
        Assert.False(message.IsDraft);
        Assert.True(message.IsFlagged);
        Assert.False(message.IsAnswered);
        Assert.Equal(new DateTimeOffset(2010, 3, 15, 17, 12, 5, TimeSpan.Zero), message.SubmitTime);
        Assert.Equal(new DateTimeOffset(2010, 3, 15, 17, 12, 7, TimeSpan.Zero), message.DeliveryTime!.Value.AddTicks(-(message.DeliveryTime.Value.Ticks % TimeSpan.TicksPerSecond)));
        Assert.Equal("<B2FDDB8BE384C94794441DB4A7F3D8B804AE624B@TK5EX14MBXC114.redmond.corp.microsoft.com>", message.InternetMessageId);
    }

    [Fact]
    public void The_transport_headers_are_kept_without_their_content_headers()
    {
        using var pst = PstFile.Open(PstFixtures.PathOf("sample1-unicode.pst"));
        var mime = Single(pst).ToMimeMessage();
        Assert.StartsWith("from TK5EX14MBXC114.redmond.corp.microsoft.com", mime.Headers[HeaderId.Received]);
        Assert.Equal("B2FDDB8BE384C94794441DB4A7F3D8B804AE624B@TK5EX14MBXC114.redmond.corp.microsoft.com", mime.MessageId);
        // The stored headers describe the TNEF original; the rebuilt body is MIME.
        Assert.DoesNotContain(mime.Headers, h => h.Value.Contains("ms-tnef", StringComparison.OrdinalIgnoreCase));
        Assert.True(mime.Body!.ContentType.IsMimeType("multipart", "mixed"));
        Assert.Contains("It’s my daughter and our puppy", mime.TextBody);
        Assert.Contains("It&#8217;s my daughter", mime.HtmlBody);
    }

    [Fact]
    public void Headers_made_from_properties_use_smtp_addresses_not_legacy_dns()
    {
        using var pst = PstFile.Open(PstFixtures.PathOf("sample1-unicode.pst"));
        var message = Single(pst);
        var mime = MimeBuilder.Build(message.Object, useTransportHeaders: false);

        var from = Assert.Single(mime.From.Mailboxes);
        Assert.Equal(("Terry Mahaffey", "terrymah@microsoft.com"), (from.Name, from.Address));
        var to = Assert.Single(mime.To.Mailboxes);
        Assert.Equal(("Terry Mahaffey", "terrymah@microsoft.com"), (to.Name, to.Address));
        Assert.Empty(mime.Cc);
        Assert.Equal("Here is a sample message", mime.Subject);
        Assert.Equal(new DateTimeOffset(2010, 3, 15, 17, 12, 5, TimeSpan.Zero), mime.Date);
        Assert.Equal("B2FDDB8BE384C94794441DB4A7F3D8B804AE624B@TK5EX14MBXC114.redmond.corp.microsoft.com", mime.MessageId);
        Assert.DoesNotContain("/O=", mime.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_sender_known_only_by_legacy_dn_keeps_its_name_and_loses_the_dn()
    {
        // The posts in test_unicode.pst have an EX sender and no SMTP address at all.
        using var pst = PstFile.Open(PstFixtures.PathOf("empty-folder-unicode.pst"));
        var post = pst.Root.Messages().Single();
        Assert.Equal("IPM.Post", post.MessageClass);
        var mime = post.ToMimeMessage();
        Assert.Equal("Terry Mahaffey: ;", mime.Headers[HeaderId.From]!.Trim());
        Assert.DoesNotContain("/o=", mime.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Test", mime.Subject);
    }

    [Fact]
    public void An_embedded_message_becomes_message_rfc822_with_its_own_subject()
    {
        using var pst = PstFile.Open(PstFixtures.PathOf("submessage.pst"));
        var message = Single(pst);
        var attachment = Assert.Single(message.Attachments);
        Assert.True(attachment.IsEmbeddedMessage);
        Assert.Equal("This is an embedded message", attachment.EmbeddedMessage!.Subject);

        var mime = message.ToMimeMessage();
        Assert.Equal("This is a message which has an embedded message attached", mime.Subject);
        var part = Assert.Single(mime.BodyParts.OfType<MessagePart>());
        Assert.True(part.ContentType.IsMimeType("message", "rfc822"));
        Assert.Equal("This is an embedded message", part.Message!.Subject);
        Assert.Equal("terrymah@microsoft.com", Assert.Single(part.Message.From.Mailboxes).Address);
        Assert.Contains("This is the body of an embedded message", part.Message.TextBody);
        // Its HTML body exists only as HTML encapsulated in compressed RTF: it is de-encapsulated.
        Assert.Contains("<p class=MsoNormal>This is the body of an embedded message<o:p></o:p></p>", part.Message.HtmlBody);

        // And the whole message survives a write and a parse.
        using var stream = new MemoryStream();
        mime.WriteTo(stream);
        stream.Position = 0;
        var parsed = MimeMessage.Load(stream);
        Assert.Equal("This is an embedded message", parsed.BodyParts.OfType<MessagePart>().Single().Message!.Subject);
    }

    [Fact]
    public void Special_folders_come_from_the_store_and_root_entry_ids()
    {
        using var pst = PstFile.Open(PstFixtures.PathOf("dist-list.pst"));
        Assert.Equal("Personal Folders", pst.DisplayName);
        Assert.Equal("Top of Personal Folders", pst.Root.Name);
        var roles = pst.Root.Subfolders.ToDictionary(f => f.Name, f => f.Special);
        Assert.Equal(PstSpecialFolder.Inbox, roles["Inbox"]);
        Assert.Equal(PstSpecialFolder.Outbox, roles["Outbox"]);
        Assert.Equal(PstSpecialFolder.SentItems, roles["Sent Items"]);
        Assert.Equal(PstSpecialFolder.DeletedItems, roles["Deleted Items"]);
        Assert.Equal(PstSpecialFolder.Drafts, roles["Drafts"]);
        Assert.Equal(PstSpecialFolder.Junk, roles["Junk E-mail"]);
        Assert.Equal(PstSpecialFolder.Calendar, roles["Calendar"]);
        Assert.Equal(PstSpecialFolder.Contacts, roles["Contacts"]);
        Assert.Equal(PstSpecialFolder.Tasks, roles["Tasks"]);
        Assert.Equal(PstSpecialFolder.Notes, roles["Notes"]);
        Assert.Equal(PstSpecialFolder.Journal, roles["Journal"]);
        Assert.Equal(PstSpecialFolder.None, roles["RSS Feeds"]);
        Assert.Equal("IPF.Appointment", pst.Root.Subfolders.Single(f => f.Name == "Calendar").ContainerClass);
    }

    [Fact]
    public void A_passworded_pst_is_readable_because_the_password_is_only_a_flag()
    {
        using var pst = PstFile.Open(PstFixtures.PathOf("passworded.pst"));
        var contacts = pst.Root.Subfolders.Single(f => f.Special == PstSpecialFolder.Contacts);
        Assert.Equal(new[] { "IPM.Contact", "IPM.DistList" }, contacts.Messages().Select(m => m.MessageClass).OrderBy(c => c));
        Assert.Contains("contact name 1", contacts.Messages().Select(m => m.Subject));
    }

    private static PstMessage Single(PstFile pst)
    {
        return PstFixtures.Folders(pst).SelectMany(f => f.Folder.Messages()).Single();
    }

    /// <summary>Width and height from the JPEG's start-of-frame marker.</summary>
    private static (int Width, int Height) JpegSize(byte[] jpeg)
    {
        Assert.True(jpeg[0] == 0xFF && jpeg[1] == 0xD8, "no JPEG start-of-image marker");
        Assert.True(jpeg[^2] == 0xFF && jpeg[^1] == 0xD9, "no JPEG end-of-image marker");
        var i = 2;
        while (i + 9 < jpeg.Length)
        {
            Assert.Equal(0xFF, jpeg[i]);
            var marker = jpeg[i + 1];
            var length = (jpeg[i + 2] << 8) | jpeg[i + 3];
            if (marker is >= 0xC0 and <= 0xC3)
                return ((jpeg[i + 7] << 8) | jpeg[i + 8], (jpeg[i + 5] << 8) | jpeg[i + 6]);
            i += 2 + length;
        }

        throw new Xunit.Sdk.XunitException("no JPEG start-of-frame marker");
    }
}
