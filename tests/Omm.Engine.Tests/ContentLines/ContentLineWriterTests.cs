using System.Text;
using Omm.Engine.ContentLines;

namespace Omm.Engine.Tests.ContentLines;

public class ContentLineWriterTests
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    [Theory]
    [InlineData('a')]
    [InlineData('é')]
    [InlineData('中')]
    public void Folds_at_75_octets_without_splitting_a_character(char filler)
    {
        for (var length = 60; length < 260; length += 7)
        {
            var value = "x" + new string(filler, length) + "😀" + new string(filler, length / 3) + "😀";
            var folded = ContentLineWriter.Fold("NOTE:" + value);
            AssertFolded(folded);
            var unfolded = ContentLineReader.Read("BEGIN:X\r\n" + folded + "END:X\r\n").Components.Single().Property("NOTE")!.Value;
            Assert.Equal(value, unfolded);
        }
    }

    [Fact]
    public void No_fold_ends_in_an_equals_sign_so_quoted_printable_reads_back()
    {
        var value = string.Concat(Enumerable.Repeat("=0D=0Aab", 40));
        for (var shift = 0; shift < 8; shift++)
        {
            var folded = ContentLineWriter.Fold("NOTE;ENCODING=QUOTED-PRINTABLE:" + new string('x', shift) + value);
            AssertFolded(folded);
            Assert.DoesNotContain("=\r\n", folded);
            Assert.Equal(new string('x', shift) + value, ContentLineReader.Read("BEGIN:X\r\n" + folded + "END:X\r\n").Components.Single().Property("NOTE")!.Value);
        }

        AssertFolded(ContentLineWriter.Fold("X:" + new string('=', 300)));
    }

    [Fact]
    public void Writes_parameters_quoting_values_that_need_it()
    {
        var line = new ContentLine("ATTENDEE", "mailto:j@d", new[]
        {
            new ContentLineParameter("CN", "Doe, John"),
            new ContentLineParameter("TYPE", "work", "voice"),
            new ContentLineParameter(null, "WORK"),
            new ContentLineParameter("TZID", "(UTC-05:00) Eastern"),
        }, "item1");
        Assert.Equal("item1.ATTENDEE;CN=\"Doe, John\";TYPE=work,voice;WORK;TZID=\"(UTC-05:00) Eastern\":mailto:j@d", ContentLineWriter.Format(line));
    }

    [Fact]
    public void Reading_what_was_written_gives_the_same_lines()
    {
        const string Text = "BEGIN:VEVENT\r\nATTENDEE;CN=\"Doe, John\";ROLE=CHAIR:mailto:j@d\r\nDESCRIPTION:a\\, b\\; c\\nd\r\nEND:VEVENT\r\n";
        var component = ContentLineReader.Read(Text).Components.Single();
        var writer = new ContentLineWriter();
        writer.Write(component);
        Assert.Equal(Text, writer.ToString());
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b;c\\d", "a\\,b\\;c\\\\d")]
    [InlineData("line1\r\nline2\nline3\rline4", "line1\\nline2\\nline3\\nline4")]
    public void Escapes_and_unescapes_text(string value, string escaped)
    {
        Assert.Equal(escaped, ContentLineText.Escape(value));
        Assert.Equal(value.Replace("\r\n", "\n").Replace('\r', '\n'), ContentLineText.Unescape(escaped));
    }

    [Fact]
    public void Splits_only_at_unescaped_separators()
    {
        Assert.Equal(new[] { "a\\;b", "c", "" }, ContentLineText.Split("a\\;b;c;", ';'));
    }

    /// <summary>Every physical line is valid UTF-8 of at most 75 octets and ends with CRLF; continuation lines start with one space.</summary>
    internal static void AssertFolded(string text)
    {
        Assert.EndsWith("\r\n", text);
        var lines = text.Substring(0, text.Length - 2).Split("\r\n");
        foreach (var line in lines)
        {
            Assert.DoesNotContain('\r', line);
            Assert.DoesNotContain('\n', line);
            var bytes = Encoding.UTF8.GetBytes(line);
            Assert.True(bytes.Length <= 75, $"{bytes.Length} octets: {line}");
            Assert.Equal(line, StrictUtf8.GetString(bytes));
            Assert.False(line.Length > 0 && char.IsHighSurrogate(line[^1]), $"a surrogate pair was split: {line}");
        }
    }
}
