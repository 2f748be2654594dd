using Omm.Engine.ContentLines;

namespace Omm.Engine.Tests.ContentLines;

public class ContentLineReaderTests
{
    [Theory]
    [InlineData("\r\n")]
    [InlineData("\n")]
    [InlineData("\r\r\n")]
    [InlineData("\r")]
    public void Unfolds_lines_whatever_the_line_end(string end)
    {
        var text = string.Join(end, "BEGIN:VCARD", "NOTE:one", " two", "\tthree", "FN:x", "END:VCARD") + end;
        var card = ContentLineReader.Read(text).Components.Single();
        Assert.Equal("onetwothree", card.Property("NOTE")!.Value);
        Assert.Equal(2, card.Property("NOTE")!.LineNumber);
        Assert.Equal(5, card.Property("FN")!.LineNumber);
        Assert.Equal(1, card.LineNumber);
        Assert.Equal(6, card.EndLineNumber);
        Assert.Equal("BEGIN:VCARD\r\nNOTE:one\r\n two\r\n\tthree\r\nFN:x\r\nEND:VCARD\r\n", card.SourceText);
    }

    [Fact]
    public void Reads_groups_parameters_quoted_values_and_lists()
    {
        var card = ContentLineReader.Read(
            "BEGIN:VCARD\r\n" +
            "item1.EMAIL;type=INTERNET;type=pref:a@b.c\r\n" +
            "ATTENDEE;CN=\"Doe, John\";DELEGATED-TO=\"mailto:x@y\",\"mailto:z@y\";ROLE=CHAIR:mailto:j@d\r\n" +
            "TEL;TYPE=WORK,VOICE;PREF=1:+1\r\n" +
            "TEL;WORK;VOICE:(905) 555-1234\r\n" +
            "END:VCARD\r\n").Components.Single();
        var email = card.Properties[0];
        Assert.Equal("item1", email.Group);
        Assert.Equal("EMAIL", email.Name);
        Assert.Equal(new[] { "INTERNET", "pref" }, email.ParameterValues("TYPE"));

        var attendee = card.Properties[1];
        Assert.Equal("Doe, John", attendee.Parameter("CN"));
        Assert.Equal(new[] { "mailto:x@y", "mailto:z@y" }, attendee.ParameterValues("delegated-to"));
        Assert.Equal("mailto:j@d", attendee.Value);

        Assert.Equal(new[] { "WORK", "VOICE" }, card.Properties[2].ParameterValues("TYPE"));
        var bare = card.Properties[3].Parameters;
        Assert.All(bare, p => Assert.True(p.IsBare));
        Assert.Equal(new[] { "WORK", "VOICE" }, bare.Select(p => p.Value));
        Assert.Equal("(905) 555-1234", card.Properties[3].Value);
    }

    [Fact]
    public void Reads_nested_components()
    {
        var calendar = ContentLineReader.Read("BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:1\nBEGIN:VALARM\nACTION:DISPLAY\nEND:VALARM\nEND:VEVENT\nEND:VCALENDAR\n").Components.Single();
        var item = calendar.Components.Single();
        Assert.Equal("VEVENT", item.Name);
        Assert.Equal("DISPLAY", item.Components.Single().Property("ACTION")!.Value);
        Assert.Equal(3, item.LineNumber);
        Assert.Equal(8, item.EndLineNumber);
    }

    [Fact]
    public void A_quoted_printable_value_continues_after_a_soft_line_break_even_without_whitespace()
    {
        var card = ContentLineReader.Read(
            "BEGIN:VCARD\r\n" +
            "LABEL;WORK;ENCODING=QUOTED-PRINTABLE:Cresent moon drive=0D=0A=\r\n" +
            "Albaney, New York  12345\r\n" +
            "NOTE;QUOTED-PRINTABLE:Hello=\r\n" +
            " world\r\n" +
            "END:VCARD\r\n").Components.Single();
        Assert.Equal("Cresent moon drive=0D=0AAlbaney, New York  12345", card.Properties[0].Value);
        Assert.Equal("Hello world", card.Properties[1].Value);
        Assert.Equal(4, card.Properties[1].LineNumber);
    }

    [Fact]
    public void A_2_1_base64_value_may_continue_on_unindented_lines_up_to_a_blank_line()
    {
        var card = ContentLineReader.Read("BEGIN:VCARD\r\nVERSION:2.1\r\nPHOTO;JPEG;ENCODING=BASE64:\r\n/9j/4AAQ\r\nSkZJRg==\r\n\r\nFN:x\r\nEND:VCARD\r\n").Components.Single();
        Assert.Equal("/9j/4AAQSkZJRg==", card.Property("PHOTO")!.Value);
        Assert.Equal("x", card.Property("FN")!.Value);
    }

    [Fact]
    public void A_byte_order_mark_and_blank_lines_are_ignored()
    {
        var components = ContentLineReader.Read("\uFEFF\r\n\r\nBEGIN:VCARD\r\nFN:x\r\nEND:VCARD\r\n\r\n  \r\nBEGIN:VCARD\r\nFN:y\r\nEND:VCARD").Components;
        Assert.Equal(new[] { "x", "y" }, components.Select(c => c.Property("FN")!.Value));
    }
}
