using System.Text;
using MimeKit;
using Omm.Engine.Mail;
using Omm.TestServers;

namespace Omm.Engine.Tests;

public class VerbatimMessageTests
{
    public static IEnumerable<object[]> MimeFixtures() =>
        Directory.GetFiles(Path.Combine(RepositoryPaths.SharedFixtures, "mime"))
            .OrderBy(f => f)
            .Select(f => new object[] { Path.GetFileName(f) });

    /// <summary>IMAP servers hand out messages with CRLF line ends; every fixture must come out byte for byte.</summary>
    [Theory]
    [MemberData(nameof(MimeFixtures))]
    public void Fixture_messages_are_written_exactly_as_read(string file)
    {
        var bytes = LineEnds.Crlf(File.ReadAllBytes(Path.Combine(RepositoryPaths.SharedFixtures, "mime", file)));
        using var source = new MemoryStream(bytes);

        var message = VerbatimMessage.Create(source, out var exact);

        Assert.True(exact);
        Assert.Equal(bytes, Write(message));
    }

    [Fact]
    public void A_large_message_is_copied_from_its_stream()
    {
        var bytes = SampleMailbox.Generate(7, "large", 3 * 1024 * 1024);
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, bytes);
            using var source = new FileStream(path, FileMode.Open, FileAccess.Read);
            var message = VerbatimMessage.Create(source, out var exact);
            Assert.True(exact);
            Assert.Equal(bytes, Write(message));
            Assert.Equal(bytes, Write(message)); // MailKit writes twice: once to measure, once to send
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void International_formatting_leaves_raw_headers_alone()
    {
        var bytes = Encoding.UTF8.GetBytes("Subject: Été\r\nFrom: Zoë <zoe@example.org>\r\n\r\nCorps\r\n");
        using var source = new MemoryStream(bytes);
        var message = VerbatimMessage.Create(source, out _);
        var options = VerbatimMessage.AppendFormat.Clone();
        options.International = true;
        using var written = new MemoryStream();
        message.WriteTo(options, written);
        Assert.Equal(bytes, written.ToArray());
    }

    [Theory]
    [InlineData("\r\nJust a body, no header block\r\n")]
    [InlineData("From alice@example.org Mon Jan  1 00:00:00 2024\r\nSubject: x\r\n\r\nbody\r\n")]
    [InlineData("No colon on the first line\r\nSubject: x\r\n\r\nbody without final newline")]
    [InlineData("Subject: x\r\n\r\nbody with bare\nline feeds and a NUL \0 byte\n")]
    [InlineData("Subject: x\r\nFrom: a@b\r\n")]
    [InlineData("just a line of text, no header at all\r\nand another")]
    [InlineData("Subject: x\r\nX-Bad: a bare\nline feed in a header\r\n\r\nbody\n")]
    public void Malformed_messages_with_a_crlf_somewhere_are_still_exact(string text)
    {
        var bytes = Encoding.Latin1.GetBytes(text);
        using var source = new MemoryStream(bytes);

        var message = VerbatimMessage.Create(source, out var exact);

        Assert.True(exact);
        Assert.Equal(bytes, Write(message));
    }

    [Theory]
    [InlineData("Subject: x\nFrom: a@b\n\nbody\n")]
    [InlineData("Subject: a bare\nline feed on the first line\r\nFrom: a@b\r\n\r\nbody\r\n")]
    public void Messages_whose_first_line_ends_without_crlf_fall_back_and_say_whether_bytes_survived(string text)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        using var source = new MemoryStream(bytes);

        var message = VerbatimMessage.Create(source, out var exact);

        Assert.False(exact);
        Assert.NotEqual(bytes, Write(message));
    }

    private static byte[] Write(MimeMessage message)
    {
        using var written = new MemoryStream();
        message.WriteTo(VerbatimMessage.AppendFormat, written);
        return written.ToArray();
    }
}
