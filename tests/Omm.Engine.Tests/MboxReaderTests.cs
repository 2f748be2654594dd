using System.Text;
using Omm.Engine.Connectors.Files;

namespace Omm.Engine.Tests;

public class MboxReaderTests
{
    [Fact]
    public void Splits_at_postmarks_only_and_keeps_every_other_byte()
    {
        const string mbox =
            "From alice@example.org Mon Jan  1 10:00:00 2024\n" +
            "Subject: one\n\nbody line\n\nFrom Russia with love\nYear: 1963\n\n\n" +
            "From - Tue Jan  2 11:00:00 2024\n" +
            "Subject: two\n\nsecond\n" +
            "From bob@example.org Wed Jan  3 12:00:00 2024\r\n" +
            "Subject: three\r\n\r\nthird\r\n\r\n";

        var messages = new MboxReader(new MemoryStream(Encoding.ASCII.GetBytes(mbox)), "test.mbox").Messages().Select(m => Encoding.ASCII.GetString(m.Bytes)).ToList();

        Assert.Equal(new[]
        {
            "Subject: one\n\nbody line\n\nFrom Russia with love\nYear: 1963\n\n",
            "Subject: two\n\nsecond\n",
            "Subject: three\r\n\r\nthird\r\n",
        }, messages);
    }

    [Fact]
    public void A_file_that_does_not_start_with_a_postmark_is_not_an_mbox()
    {
        var reader = new MboxReader(new MemoryStream("Subject: x\n\nbody\n"u8.ToArray()), "notes.mbox");
        var error = Assert.Throws<ArchiveFormatException>(() => reader.Messages().ToList());
        Assert.Contains("'notes.mbox' is not an mbox file", error.Message);
    }

    [Fact]
    public void Runs_of_nul_bytes_are_left_out_and_named_and_a_postmark_after_one_still_starts_a_message()
    {
        var mbox = Concat("\0\0\0From - Mon Jan  1 10:00:00 2024\nSubject: one\n\nab"u8.ToArray(), new byte[10], "cd\n\0\0\n"u8.ToArray(),
            "\0\0\0\0\0From - Tue Jan  2 11:00:00 2024\nSubject: two\n\nsecond\n"u8.ToArray());

        var messages = new MboxReader(new MemoryStream(mbox), "damaged.mbox").Messages().ToList();

        // The empty line before a postmark is the separator's, as always.
        Assert.Equal(new[] { "Subject: one\n\nabcd\n", "Subject: two\n\nsecond\n" }, messages.Select(m => Encoding.ASCII.GetString(m.Bytes)));
        Assert.Equal(new[] { 1, 2 }, messages.Select(m => m.Ordinal));
        Assert.Equal(new long[] { 3, 72 }, messages.Select(m => m.Offset));
        Assert.Equal(new[]
        {
            "3 NUL bytes at offset 0 of the file (damage: no message holds them) were left out.",
            "10 NUL bytes at offset 51 of the file (damage: no message holds them) were left out.",
            "2 NUL bytes at offset 64 of the file (damage: no message holds them) were left out.",
            "5 NUL bytes at offset 67 of the file (damage: no message holds them) were left out.",
        }, messages[0].LeftOut);
        Assert.Empty(messages[1].LeftOut);
    }

    [Fact]
    public void A_first_line_that_starts_with_From_but_is_no_postmark_still_starts_the_first_message()
    {
        var messages = new MboxReader(new MemoryStream("From Russia with love\nSubject: x\n\nbody\n"u8.ToArray()), "odd.mbox").Messages().ToList();

        Assert.Equal("Subject: x\n\nbody\n", Encoding.ASCII.GetString(Assert.Single(messages).Bytes));
    }

    [Fact]
    public void A_binary_file_is_not_an_mbox_and_is_not_read_to_its_end_as_one_line()
    {
        var binary = new byte[5_000_000];
        new Random(7).NextBytes(binary);
        binary[0] = 0x89;
        var stream = new MemoryStream(binary);

        var error = Assert.Throws<ArchiveFormatException>(() => new MboxReader(stream, "photo.mbox").Messages().ToList());

        Assert.StartsWith("'photo.mbox' is not an mbox file: it does not start with a \"From \" line", error.Message);
        Assert.True(stream.Position < 100_000, $"read {stream.Position} bytes");
    }

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}
