using System.Diagnostics;
using System.Text;
using Omm.Engine.Contacts;
using Omm.Engine.ContentLines;
using Omm.Engine.Tests.ContentLines;

namespace Omm.Engine.Tests.Contacts;

/// <summary>
/// Damaged .vcf text: a property that cannot be read is left out of its card with a warning; a card that cannot
/// be read costs that card only; only a text with no vCard at all is refused.
/// </summary>
public class VCardRecoveryTests
{
    private static readonly byte[] Photo = Enumerable.Range(0, 300).Select(i => (byte)(i * 7 + 3)).ToArray();

    [Theory]
    [InlineData("2.1", "PHOTO;ENCODING=BASE64;JPEG:/9j/4A*AQ", "PHOTO", "the value is not valid base64")]
    [InlineData("3.0", "PHOTO;ENCODING=b;TYPE=JPEG:abcde", "PHOTO", "the value is not valid base64")]
    [InlineData("4.0", "PHOTO:data:image/png;base64,%%%", "PHOTO", "the data: URI does not hold valid base64")]
    [InlineData("3.0", "KEY;ENCODING=B:@@@@", "KEY", "the value is not valid base64")]
    public void A_value_that_cannot_be_decoded_leaves_its_property_out_with_a_warning(string version, string bad, string property, string problem)
    {
        var text = $"BEGIN:VCARD\r\nVERSION:{version}\r\nFN:Ann\r\n{bad}\r\nTEL:+1 555\r\nEND:VCARD\r\n";

        var card = VCard.Parse(text);

        Assert.DoesNotContain(card.Properties, p => p.Is(property));
        Assert.Equal(new[] { "VERSION", "FN", "TEL" }, card.Properties.Select(p => p.Name.ToUpperInvariant()));
        var warning = Assert.Single(card.Warnings);
        Assert.Equal((4, property, true), (warning.LineNumber, warning.Property, warning.Dropped));
        Assert.Equal($"{property} (line 4) was not copied: {problem}.", warning.ToString());
        Assert.False(card.IsVerbatim);
        Assert.DoesNotContain(property, card.Text);
        var written = VCard.Parse(card.ToVersion3());
        Assert.Empty(written.Warnings);
        Assert.DoesNotContain(written.Properties, p => p.Is(property));
        Assert.Equal("Ann", written.Name);
        Assert.Equal("+1 555", written.DecodedProperties.Single(p => p.Is("TEL")).Value);
    }

    [Fact]
    public void A_3_0_card_without_a_bad_line_keeps_its_bytes_and_one_with_it_is_written_again_without_it()
    {
        const string Clean = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\nN:;Ann;;;\r\nUID:u1\r\nEND:VCARD\r\n";
        Assert.Equal(Clean, VCard.Parse(Clean).ToVersion3());

        var damaged = VCard.Parse("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\nthis is no content line\r\nN:;Ann;;;\r\nUID:u1\r\nEND:VCARD\r\n");
        Assert.Equal(Clean, damaged.ToVersion3());
        Assert.Equal("Line 4 was not copied: it has no ':' between a property name and its value (\"this is no content line\").", damaged.Warnings.Single().ToString());
    }

    [Fact]
    public void Base64_is_read_as_clients_write_it()
    {
        var plain = Convert.ToBase64String(Photo);
        var urlSafe = plain.Replace('+', '-').Replace('/', '_').TrimEnd('=');
        var spaced = string.Join(" \t", Enumerable.Range(0, plain.Length / 50 + 1).Select(i => plain.Substring(i * 50, Math.Min(50, plain.Length - i * 50))));
        var unpadded = plain.TrimEnd('=');
        var card = VCard.Parse(
            "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:x\r\n" +
            $"PHOTO;ENCODING=b;TYPE=JPEG:{spaced}\r\n" +
            $"LOGO;ENCODING=BASE64;TYPE=PNG:{urlSafe}\r\n" +
            $"KEY;encoding=B:{unpadded}\r\n" +
            $"SOUND;BASE64:\r\n{plain.Substring(0, 100)}\r\n{plain.Substring(100)}\r\n\r\n" +
            "END:VCARD\r\n");

        Assert.Empty(card.Warnings);
        Assert.All(new[] { "PHOTO", "LOGO", "KEY", "SOUND" }, name => Assert.Equal(Photo, card.DecodedProperties.Single(p => p.Is(name)).Data));
        // What is written is plain base64 the server reads the same.
        var written = VCard.Parse(card.ToVersion3());
        Assert.Empty(written.Warnings);
        Assert.All(written.DecodedProperties.Where(p => p.Data != null), p => Assert.Equal(Photo, p.Data));
        Assert.Equal(4, written.DecodedProperties.Count(p => p.Data != null));
        Assert.DoesNotContain("-", string.Concat(written.Properties.Where(p => p.IsBase64).Select(p => p.Value)));
    }

    [Fact]
    public void A_stray_equals_sign_in_quoted_printable_is_kept_as_written_with_a_warning()
    {
        var card = VCard.Parse("BEGIN:VCARD\r\nVERSION:2.1\r\nN:Doe;Jo\r\nNOTE;ENCODING=QUOTED-PRINTABLE:1+1=2 and caf=C3=A9 =ZZ\r\nEND:VCARD\r\n");
        Assert.Equal("1+1=2 and café =ZZ", card.DecodedProperties.Single(p => p.Is("NOTE")).Value);
        var warning = card.Warnings.Single();
        Assert.False(warning.Dropped);
        Assert.Equal("NOTE (line 4): \"=2 \" is not a quoted-printable escape; it was kept as written.", warning.ToString());
    }

    [Theory]
    [InlineData("utf8", "Müller", "=4D=C3=BC=6C=6C=65=72")]
    [InlineData("UTF-8", "Müller", "=4D=C3=BC=6C=6C=65=72")]
    [InlineData("iso8859-1", "Müller", "M=FCller")]
    [InlineData("ISO_8859-1", "Müller", "M=FCller")]
    [InlineData("windows1252", "Müller €", "M=FCller =80")]
    [InlineData("cp1252", "Müller €", "M=FCller =80")]
    [InlineData("\"latin1\"", "Müller", "M=FCller")]
    [InlineData("x-mac-roman", "Müller", "M=9Fller")]
    [InlineData("ibm850", "Müller", "M=81ller")]
    public void Charsets_named_the_way_clients_name_them_are_known(string charset, string expected, string encoded)
    {
        var card = VCard.Parse($"BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET={charset};ENCODING=QUOTED-PRINTABLE:{encoded};Jo\r\nEND:VCARD\r\n");
        Assert.Empty(card.Warnings);
        Assert.Equal(expected, card.DecodedProperties.Single(p => p.Is("N")).Components[0][0]);
    }

    [Theory]
    [InlineData("=4D=C3=BC=6C=6C=65=72", "Müller", "UTF-8")]
    [InlineData("M=FCller", "Müller", "windows-1252")]
    public void An_unknown_charset_is_read_as_UTF_8_or_windows_1252_with_a_warning(string encoded, string expected, string readAs)
    {
        var card = VCard.Parse($"BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=x-klingon;ENCODING=QUOTED-PRINTABLE:{encoded};Jo\r\nEND:VCARD\r\n");
        Assert.Equal(expected, card.DecodedProperties.Single(p => p.Is("N")).Components[0][0]);
        Assert.Equal($"N (line 3): CHARSET=x-klingon is not a character set Omm knows; the value was read as {readAs}.", card.Warnings.Single().ToString());
    }

    [Fact]
    public void Bare_2_1_types_and_quoted_printable_soft_breaks_inside_folded_lines_read()
    {
        var card = VCard.Parse(
            "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Doe;John\r\nTEL;HOME;VOICE:+1 555 1000\r\nTEL;WORK;FAX:+1 555 2000\r\n" +
            "ADR;WORK;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:;;Main Street 1=0D=0A=\r\nBuilding 2;Ber=\r\n lin;;12345;Germany\r\n" +
            "EMAIL;PREF;INTERNET:jd@example.com\r\nEND:VCARD\r\n");
        Assert.Empty(card.Warnings);
        Assert.Equal(new[] { "HOME", "VOICE" }, card.DecodedProperties.First(p => p.Is("TEL")).Types);
        Assert.Equal(new[] { "WORK", "FAX" }, card.DecodedProperties.Last(p => p.Is("TEL")).Types);
        var address = card.DecodedProperties.Single(p => p.Is("ADR"));
        Assert.Equal("Main Street 1\nBuilding 2", address.Components[2][0]);
        Assert.Equal("Ber lin", address.Components[3][0]);
        Assert.Contains("PREF", card.DecodedProperties.Single(p => p.Is("EMAIL")).Types);
        Assert.Contains("TEL;TYPE=HOME,VOICE:+1 555 1000", card.ToVersion3());
    }

    [Fact]
    public void A_card_that_cannot_be_read_costs_that_card_and_the_others_are_read()
    {
        const string Text =
            "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:First\r\nEND:VCARD\r\n" +                // 1-4
            "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:No End\r\nUID:no-end\r\n" +               // 5-8, no END
            "BEGIN:VCARD\r\nVERSION:5.0\r\nFN:Future\r\nEND:VCARD\r\n" +               // 9-12
            "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Bad end\r\nEND:VEVENT\r\nEND:VCARD\r\n" + // 13-17
            "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n" +                                   // 18-19
            "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Last\r\nEND:VCARD\r\n";                  // 20-23

        var file = VCardFile.Read(Text);

        Assert.Equal(new[] { "First", "Last" }, file.Cards.Select(c => c.Name));
        Assert.Equal(new[] { 1, 20 }, file.Cards.Select(c => c.LineNumber));
        Assert.Equal(new[]
        {
            "vCard \"No End\" (UID no-end) at line 5: line 5: BEGIN:VCARD has no END:VCARD (BEGIN:VCARD at line 9 comes first)",
            "vCard \"Future\" at line 9: line 10: VERSION \"5.0\" is not 2.1, 3.0 or 4.0",
            "vCard \"Bad end\" at line 13: line 13: END:VEVENT at line 16 does not match BEGIN:VCARD at line 13",
            "VCALENDAR at line 18: line 18: BEGIN:VCALENDAR in a vCard file is not a contact",
        }, file.Unreadable.Select(u => $"{u.Description}: {u}"));
        Assert.Empty(file.StrayText);
        var error = Assert.Throws<VCardFormatException>(() => VCard.ReadAll(Text));
        Assert.Equal("line 5: BEGIN:VCARD has no END:VCARD (BEGIN:VCARD at line 9 comes first)", error.Message);
    }

    [Fact]
    public void A_component_inside_a_card_that_is_no_AGENT_card_is_left_out_with_a_warning()
    {
        var card = VCard.Parse("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:x\r\nBEGIN:VEVENT\r\nUID:1\r\nEND:VEVENT\r\nTEL:1\r\nEND:VCARD\r\n");
        Assert.Equal(new[] { "VERSION", "FN", "TEL" }, card.Properties.Select(p => p.Name));
        Assert.Equal("Line 4 was not copied: BEGIN:VEVENT..END:VEVENT (to line 6): it is not part of a vCard.", card.Warnings.Single().ToString());
        Assert.DoesNotContain("VEVENT", card.ToVersion3());
    }

    [Fact]
    public void An_AGENT_card_with_a_bad_line_is_kept_without_it_and_says_so_on_the_outer_card()
    {
        var card = VCard.Parse("BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Boss\r\nAGENT:\r\nBEGIN:VCARD\r\nFN:Assistant\r\nPHOTO;BASE64:!!!!\r\nEND:VCARD\r\nEND:VCARD\r\n");
        Assert.Equal("PHOTO (line 7) was not copied: the value is not valid base64.", card.Warnings.Single().ToString());
        var agent = VCard.Parse(ContentLineText.Unescape(VCard.Parse(card.ToVersion3()).DecodedProperties.Single(p => p.Is("AGENT")).Line.Value));
        Assert.Equal("Assistant", agent.Name);
        Assert.DoesNotContain(agent.Properties, p => p.Is("PHOTO"));
    }

    [Fact]
    public void Lines_outside_the_cards_are_stray_text_and_what_remains_of_a_card_without_BEGIN_is_unreadable()
    {
        var file = VCardFile.Read("BEGIN:VCARD\r\nFN:a\r\nEND:VCARD\r\n<garbage>\r\nBEGIN:VCARD\r\nFN:b\r\nEND:VCARD\r\nFN:c\r\nTEL:3\r\nEND:VCARD\r\n");
        Assert.Equal(new[] { "a", "b" }, file.Cards.Select(c => c.Name));
        Assert.Equal("Line 4 was not copied: \"<garbage>\" is outside any BEGIN..END block.", file.StrayText.Single().ToString());
        var lost = file.Unreadable.Single();
        Assert.Equal("line 8: \"FN:c\"... is what remains of a VCARD without BEGIN:VCARD", lost.ToString());
    }

    [Fact]
    public void A_card_read_alone_says_what_its_text_held_around_it()
    {
        var card = VCard.Parse("junk before\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nUID:1\r\nFN:x\r\nEND:VCARD\r\njunk after\r\n").WithStableUid();
        Assert.Equal(new[]
        {
            "Line 1 was not copied: \"junk before\" is outside any BEGIN..END block.",
            "Line 7 was not copied: \"junk after\" is outside any BEGIN..END block.",
        }, card.Warnings.Select(w => w.ToString()));
        Assert.Equal("BEGIN:VCARD\r\nVERSION:3.0\r\nUID:1\r\nFN:x\r\nEND:VCARD\r\n", card.ToVersion3());
    }

    [Theory]
    [InlineData("", "the text holds no vCard (no BEGIN:VCARD line): it is empty")]
    [InlineData("\r\n  \r\n", "the text holds no vCard (no BEGIN:VCARD line): it is empty")]
    [InlineData("<!DOCTYPE html>\n<html><body>Sign in</body></html>", "the text holds no vCard (no BEGIN:VCARD line): it looks like an HTML page")]
    [InlineData("PK\u0003\u0004\u0014\0\0\0\b\0binary\u0001\u0002\u0003", "the text holds no vCard (no BEGIN:VCARD line): it holds binary data, not text")]
    [InlineData("Name,Phone\nAnn,555\n", "the text holds no vCard (no BEGIN:VCARD line): it starts with \"Name,Phone\"")]
    [InlineData("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "the text holds no vCard: BEGIN:VCALENDAR at line 1 where BEGIN:VCARD was expected")]
    public void Only_a_text_without_any_vCard_is_refused(string text, string message)
    {
        var error = Assert.Throws<VCardFormatException>(() => VCardFile.Read(text));
        Assert.Equal(message, error.Problem);
    }

    [Fact]
    public void UTF_16_without_byte_order_mark_UTF_32_and_files_joined_from_UTF_8_and_windows_1252_decode()
    {
        const string Card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Ærø\r\nEND:VCARD\r\n";
        Assert.Equal("Zoë Ærø", VCardFile.Read(new MemoryStream(Encoding.Unicode.GetBytes(Card))).Cards.Single().Name);
        Assert.Equal("Zoë Ærø", VCardFile.Read(new MemoryStream(Encoding.BigEndianUnicode.GetBytes(Card))).Cards.Single().Name);
        Assert.Equal("Zoë Ærø", VCardFile.Read(new MemoryStream(new UTF32Encoding(false, true).GetPreamble().Concat(Encoding.UTF32.GetBytes(Card)).ToArray())).Cards.Single().Name);

        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var joined = Encoding.UTF8.GetBytes(Card).Concat(Encoding.GetEncoding(1252).GetBytes(Card.Replace("Zoë", "Zoé"))).ToArray();
        Assert.Equal(new[] { "Zoë Ærø", "Zoé Ærø" }, VCardFile.Read(new MemoryStream(joined)).Cards.Select(c => c.Name));
    }

    [Fact]
    public void A_card_without_UID_gets_the_same_UID_whether_or_not_something_was_left_out_and_keeps_its_warnings()
    {
        const string Text = "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Doe;Jo\r\nPHOTO;ENCODING=BASE64;JPEG:\r\n  !!!!\r\n\r\nTEL;CELL:1\r\nEND:VCARD\r\n";
        var card = VCardFile.Read("\r\n\r\n" + Text).Cards.Single();
        var withUid = card.WithStableUid();

        Assert.Equal(StableUid.FromContent(Text), withUid.Uid);
        Assert.Equal(card.Warnings.Select(w => w.ToString()), withUid.Warnings.Select(w => w.ToString()));
        Assert.Equal("PHOTO (lines 6-7) was not copied: the value is not valid base64.", withUid.Warnings.Single().ToString());
        var written = VCard.Parse(withUid.ToVersion3());
        Assert.Equal(withUid.Uid, written.Uid);
        Assert.DoesNotContain(written.Properties, p => p.Is("PHOTO"));
    }

    /// <summary>
    /// Mutants of every fixture (lines dropped, duplicated or cut, characters replaced, the file truncated): each
    /// reads, unless no BEGIN:VCARD is left; whatever card reads converts to 3.0 that reads back whole, and every
    /// card that did not read is named with a line.
    /// </summary>
    [Theory]
    [MemberData(nameof(CardFixtures.All), MemberType = typeof(CardFixtures))]
    public void Mutants_read_what_they_can_and_write_only_whole_cards(string name)
    {
        var original = CardFixtures.Text(name);
        var random = new Random(name.Length * 7919);
        var clock = Stopwatch.StartNew();
        var refused = 0;
        var damaged = 0;
        for (var i = 0; i < 250; i++)
        {
            var mutant = Mutants.Mutate(original, random);
            VCardFile file;
            try
            {
                file = VCardFile.Read(mutant);
            }
            catch (VCardFormatException e)
            {
                Assert.StartsWith("the text holds no vCard", e.Problem);
                refused++;
                continue;
            }

            Assert.NotEmpty(file.Cards.Cast<object>().Concat(file.Unreadable));
            Assert.All(file.Unreadable, u => Assert.Matches("^line [0-9]+: ", u.ToString()));
            foreach (var card in file.Cards)
            {
                var written = VCard.Parse(card.WithStableUid().ToVersion3());
                Assert.Empty(written.Warnings);
                Assert.True(written.IsVerbatim);
                damaged += card.Warnings.Count;
            }
        }

        Assert.InRange(refused, 0, 50);
        Assert.True(damaged > 0 || name == "gmail-list.vcf", "no mutant lost a property: the test does not test");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"250 mutants took {clock.Elapsed}");
    }
}
