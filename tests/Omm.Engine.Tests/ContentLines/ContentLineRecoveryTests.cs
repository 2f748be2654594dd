using Omm.Engine.ContentLines;

namespace Omm.Engine.Tests.ContentLines;

/// <summary>
/// What the reader does with text it cannot read as written: a bad content line is left out of its component
/// (named, with its line), BEGIN/END that do not pair up cost the component they are in, and reading goes on.
/// </summary>
public class ContentLineRecoveryTests
{
    [Theory]
    [InlineData("FN x", null, "no ':'")]
    [InlineData("F N:x", null, "\"F N\" is not a property name")]
    [InlineData("TEL;CN=\"abc:x", "TEL", "the quoted value of parameter CN has no closing '\"'")]
    [InlineData("TEL;CN=\"a\"b:x", "TEL", "'b' after the quoted value of parameter CN")]
    [InlineData("TEL;CN=a\"b:x", "TEL", "'\"' inside the unquoted value of parameter CN")]
    [InlineData("TEL;=home:x", "TEL", "a parameter has a value but no name")]
    [InlineData(":x", null, "no property name")]
    [InlineData("item1.:x", null, "has a group but no property name")]
    [InlineData("BEGIN:", "BEGIN", "names no component")]
    public void A_line_that_cannot_be_read_is_left_out_of_its_component_and_named(string bad, string? property, string problem)
    {
        var reading = ContentLineReader.Read($"BEGIN:VCARD\r\nVERSION:3.0\r\n{bad}\r\nFN:After\r\nEND:VCARD\r\n");

        var card = reading.Components.Single();
        Assert.Null(card.Fault);
        Assert.Equal(new[] { "VERSION", "FN" }, card.Properties.Select(p => p.Name));
        Assert.Equal("After", card.Property("FN")!.Value);
        var dropped = Assert.Single(card.DroppedLines);
        Assert.Equal(3, dropped.LineNumber);
        Assert.Equal(property, dropped.Property);
        Assert.Contains(problem, dropped.Problem);
        Assert.True(dropped.Dropped);
        Assert.StartsWith(property != null ? $"{property} (line 3) was not copied: " : "Line 3 was not copied: ", dropped.ToString());
        Assert.False(card.IsClean);
    }

    [Fact]
    public void A_bad_line_folded_over_several_lines_is_left_out_whole()
    {
        var card = ContentLineReader.Read("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nDTSTART;TZID=\"Europe/\r\n Paris:20240101T090000\r\n\tmore\r\nSUMMARY:Kept\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
            .Components.Single().Components.Single();
        var dropped = Assert.Single(card.DroppedLines);
        Assert.Equal((4, 6, "DTSTART"), (dropped.LineNumber, dropped.LastLineNumber, dropped.Property));
        Assert.StartsWith("DTSTART (lines 4-6) was not copied: the quoted value of parameter TZID has no closing", dropped.ToString());
        Assert.Equal(new[] { "UID", "SUMMARY" }, card.Properties.Select(p => p.Name));
    }

    [Fact]
    public void A_card_without_END_ends_where_the_next_card_begins()
    {
        var reading = ContentLineReader.Read("BEGIN:VCARD\r\nFN:One\r\nBEGIN:VCARD\r\nFN:Two\r\nEND:VCARD\r\nBEGIN:VCARD\r\nFN:Three\r\nEND:VCARD\r\n");

        Assert.Equal(new[] { "One", "Two", "Three" }, reading.Components.Select(c => c.Property("FN")!.Value));
        var broken = reading.Components[0];
        Assert.Equal((1, 2), (broken.LineNumber, broken.EndLineNumber));
        Assert.Equal("BEGIN:VCARD has no END:VCARD (BEGIN:VCARD at line 3 comes first)", broken.Fault!.Problem);
        Assert.Equal(1, broken.Fault.LineNumber);
        Assert.Equal("BEGIN:VCARD\r\nFN:One\r\n", broken.SourceText);
        Assert.All(reading.Components.Skip(1), c => Assert.Null(c.FirstFault()));
        Assert.Empty(reading.StrayText);
    }

    [Fact]
    public void A_card_after_an_empty_AGENT_is_the_card_of_that_agent()
    {
        var reading = ContentLineReader.Read("BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Boss\r\nAGENT:\r\nBEGIN:VCARD\r\nFN:Assistant\r\nEND:VCARD\r\nEND:VCARD\r\n");
        var card = reading.Components.Single();
        Assert.Null(card.FirstFault());
        Assert.Equal("Assistant", card.Components.Single().Property("FN")!.Value);

        // Without the AGENT the inner BEGIN means the outer card lost its END.
        var lost = ContentLineReader.Read("BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Boss\r\nBEGIN:VCARD\r\nFN:Other\r\nEND:VCARD\r\n");
        Assert.Equal(2, lost.Components.Count);
        Assert.Contains("has no END:VCARD (BEGIN:VCARD at line 4 comes first)", lost.Components[0].Fault!.Problem);
        Assert.Null(lost.Components[1].Fault);
    }

    [Fact]
    public void An_event_without_END_costs_that_event_and_the_calendar_goes_on()
    {
        const string Text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" +
            "BEGIN:VEVENT\r\nUID:a\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\n" + // neither END:VALARM nor END:VEVENT
            "BEGIN:VTODO\r\nUID:b\r\nEND:VTODO\r\n" +
            "BEGIN:VEVENT\r\nUID:c\r\nBEGIN:VALARM\r\nACTION:AUDIO\r\nEND:VEVENT\r\n" + // no END:VALARM
            "BEGIN:VEVENT\r\nUID:d\r\nEND:VEVENT\r\n" +
            "END:VCALENDAR\r\n";
        var calendar = ContentLineReader.Read(Text).Components.Single();

        Assert.Null(calendar.Fault);
        Assert.Equal(new[] { "a", "b", "c", "d" }, calendar.Components.Select(c => c.Property("UID")!.Value));
        var a = calendar.Components[0];
        Assert.Equal("BEGIN:VEVENT has no END:VEVENT (BEGIN:VTODO at line 7 comes first)", a.Fault!.Problem);
        Assert.Equal("BEGIN:VALARM has no END:VALARM (BEGIN:VTODO at line 7 comes first)", a.Components.Single().Fault!.Problem);
        Assert.Null(calendar.Components[1].FirstFault());
        var c = calendar.Components[2];
        Assert.Null(c.Fault);
        Assert.Equal("BEGIN:VALARM has no END:VALARM (END:VEVENT at line 14 comes first)", c.FirstFault()!.Problem);
        Assert.Equal(12, c.FirstFault()!.LineNumber);
        Assert.Null(calendar.Components[3].FirstFault());
    }

    [Fact]
    public void An_END_that_matches_nothing_open_is_a_fault_of_the_component_it_is_in()
    {
        var card = ContentLineReader.Read("BEGIN:VCARD\r\nFN:x\r\nEND:VEVENT\r\nTEL:1\r\nEND:VCARD\r\n").Components.Single();
        Assert.Equal("END:VEVENT at line 3 does not match BEGIN:VCARD at line 1", card.Fault!.Problem);
        Assert.Equal(new[] { "FN", "TEL" }, card.Properties.Select(p => p.Name));
        Assert.Equal(5, card.EndLineNumber);
    }

    [Fact]
    public void The_end_of_the_text_ends_what_is_open()
    {
        var reading = ContentLineReader.Read("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:2\r\n");
        var calendar = reading.Components.Single();
        Assert.Equal("BEGIN:VCALENDAR has no END:VCALENDAR (the text ends at line 6)", calendar.Fault!.Problem);
        Assert.Null(calendar.Components[0].FirstFault());
        Assert.Equal("BEGIN:VEVENT has no END:VEVENT (the text ends at line 6)", calendar.Components[1].Fault!.Problem);
        Assert.Equal(6, calendar.Components[1].EndLineNumber);
    }

    [Fact]
    public void A_new_VCALENDAR_ends_one_without_END()
    {
        var reading = ContentLineReader.Read("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nEND:VEVENT\r\nBEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:2\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
        Assert.Equal(2, reading.Components.Count);
        Assert.Contains("(BEGIN:VCALENDAR at line 5 comes first)", reading.Components[0].Fault!.Problem);
        Assert.Equal(new[] { "1", "2" }, reading.Components.Select(c => c.Components.Single().Property("UID")!.Value));
    }

    [Fact]
    public void Lines_outside_any_component_are_stray_text_with_what_they_end()
    {
        var reading = ContentLineReader.Read(
            "garbage before\r\nBEGIN:VCARD\r\nFN:x\r\nEND:VCARD\r\nthis: is not a card\r\n\r\n= =\r\nBEGIN:VCARD\r\nFN:y\r\nEND:VCARD\r\nFN:Lost its begin\r\nTEL:1\r\nEND:VCARD\r\n");
        Assert.Equal(new[] { "x", "y" }, reading.Components.Select(c => c.Property("FN")!.Value));
        Assert.Equal(3, reading.StrayText.Count);
        Assert.Equal((1, 1, "garbage before", (string?)null), (reading.StrayText[0].FirstLine, reading.StrayText[0].LastLine, reading.StrayText[0].Excerpt, reading.StrayText[0].EndedComponent));
        Assert.Equal((5, 7), (reading.StrayText[1].FirstLine, reading.StrayText[1].LastLine));
        Assert.Equal("Lines 5-7 were not copied: \"this: is not a card\"... is outside any BEGIN..END block.", reading.StrayText[1].ToString());
        Assert.Equal((11, 13, "VCARD"), (reading.StrayText[2].FirstLine, reading.StrayText[2].LastLine, reading.StrayText[2].EndedComponent));
        Assert.Contains("what remains of a VCARD without BEGIN:VCARD", reading.StrayText[2].ToString());
    }

    [Fact]
    public void A_quoted_printable_soft_line_break_does_not_swallow_END()
    {
        var reading = ContentLineReader.Read("BEGIN:VCARD\r\nVERSION:2.1\r\nNOTE;ENCODING=QUOTED-PRINTABLE:ends in =\r\nEND:VCARD\r\nBEGIN:VCARD\r\nFN:y\r\nEND:VCARD\r\n");
        Assert.Equal(2, reading.Components.Count);
        Assert.All(reading.Components, c => Assert.Null(c.Fault));
        Assert.Equal("ends in =", reading.Components[0].Property("NOTE")!.Value);
    }

    [Fact]
    public void A_quoted_printable_value_whose_parameters_cannot_be_read_is_left_out_with_its_soft_line_breaks()
    {
        var card = ContentLineReader.Read("BEGIN:VCARD\r\nVERSION:2.1\r\nNOTE;ENCODING=QUOTED-PRINTABLE;X=\"a:one=\r\ntwo=\r\nthree\r\nFN:x\r\nEND:VCARD\r\n").Components.Single();
        var dropped = Assert.Single(card.DroppedLines);
        Assert.Equal((3, 5), (dropped.LineNumber, dropped.LastLineNumber));
        Assert.Equal("x", card.Property("FN")!.Value);
    }

    [Fact]
    public void Base64_on_lines_of_its_own_goes_on_to_a_blank_line_or_a_line_with_a_colon()
    {
        var card = ContentLineReader.Read(
            "BEGIN:VCARD\r\nVERSION:2.1\r\nPHOTO;ENCODING=BASE64;JPEG:/9j/\r\n4AAQ\r\n  SkZJ*g==\r\n\r\nFN:x\r\nLOGO;ENCODING=b:AAAA\r\nBBBB\r\nTEL:1\r\nEND:VCARD\r\n")
            .Components.Single();
        // The '*' does not end the value: it makes it bad base64, which a vCard reader then leaves out whole.
        Assert.Equal("/9j/4AAQSkZJ*g==", card.Property("PHOTO")!.Value);
        Assert.Equal("AAAABBBB", card.Property("LOGO")!.Value);
        Assert.Equal(new[] { "VERSION", "PHOTO", "FN", "LOGO", "TEL" }, card.Properties.Select(p => p.Name));
        Assert.True(card.HasUnindentedContinuations);
        Assert.False(card.IsClean);
    }

    [Fact]
    public void Byte_order_marks_at_the_start_of_joined_files_and_control_character_lines_are_ignored()
    {
        var reading = ContentLineReader.Read("\uFEFFBEGIN:VCARD\r\nFN:x\r\nEND:VCARD\r\n\uFEFFBEGIN:VCARD\r\nFN:y\r\nEND:VCARD\r\n\u001A\r\n\0\0\r\n");
        Assert.Equal(new[] { "x", "y" }, reading.Components.Select(c => c.Property("FN")!.Value));
        Assert.Empty(reading.StrayText);
        Assert.All(reading.Components, c => Assert.True(c.IsClean));
    }

    [Fact]
    public void Lower_case_names_and_tab_folding_read_as_upper_case_and_space_folding()
    {
        var card = ContentLineReader.Read("begin:vcard\nversion:3.0\nfn:Ann\n\tMarie\nitem1.x-ablabel:_$!<Other>!$_\nend:vcard\n").Components.Single();
        Assert.True(card.Is("VCARD"));
        Assert.Equal("AnnMarie", card.Property("FN")!.Value);
        Assert.Equal("item1", card.Property("X-ABLABEL")!.Group);
        Assert.True(card.IsClean);
    }

    [Fact]
    public void Components_nested_deeper_than_any_file_does_are_a_fault_not_a_stack_overflow()
    {
        var text = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n" + string.Concat(Enumerable.Range(0, 100_000).Select(i => $"BEGIN:X{i}\r\n")) + "END:VCALENDAR\r\n";
        var calendar = ContentLineReader.Read(text).Components.Single();
        var item = calendar.Components.Single();
        Assert.NotNull(item.FirstFault());
        Assert.False(item.IsClean);
        var deepest = item;
        var depth = 2;
        while (deepest.Components.Count > 0)
        {
            deepest = deepest.Components.Single();
            depth++;
        }

        Assert.Equal(ContentLineReader.MaximumDepth, depth);
        Assert.Equal($"BEGIN:X30 at line 33 would nest components more than {ContentLineReader.MaximumDepth} deep", deepest.Fault!.Problem);
    }
}
