using System.Text;
using Omm.Engine.Archives;

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
}
