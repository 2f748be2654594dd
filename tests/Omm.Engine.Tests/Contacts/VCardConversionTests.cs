using System.Text;
using Omm.Engine.Contacts;
using Omm.Engine.Tests.ContentLines;

namespace Omm.Engine.Tests.Contacts;

public class VCardConversionTests
{
    private static VCard Card(params string[] lines) => VCard.Parse(string.Join("\r\n", lines) + "\r\n");

    [Fact]
    public void A_2_1_photo_with_bare_parameters_and_unindented_base64_becomes_encoding_b()
    {
        var bytes = Enumerable.Range(0, 300).Select(i => (byte)(i * 7)).ToArray();
        var base64 = Convert.ToBase64String(bytes);
        var card = Card(new[] { "BEGIN:VCARD", "VERSION:2.1", "FN:Photo Person", "PHOTO;JPEG;ENCODING=BASE64:" }
            .Concat(base64.Chunk(76).Select(c => new string(c))).Concat(new[] { "", "EMAIL;INTERNET:p@example.com", "END:VCARD" }).ToArray());
        var text = card.ToVersion3();
        Assert.Contains("\r\nPHOTO;ENCODING=b;TYPE=JPEG:" + base64[..44], text);
        Assert.Contains("\r\nEMAIL;TYPE=INTERNET:p@example.com\r\n", text);
        var photo = VCard.Parse(text).DecodedProperties.Single(p => p.Is("PHOTO"));
        Assert.Equal(bytes, photo.Data);
        ContentLineWriterTests.AssertFolded(text);
    }

    [Theory]
    [InlineData("NOTE;CHARSET=windows-1252;ENCODING=QUOTED-PRINTABLE:Caf=E9 cr=E8me", "Café crème")]
    [InlineData("NOTE;CHARSET=ISO-8859-1;QUOTED-PRINTABLE:Caf=E9", "Café")]
    [InlineData("NOTE;ENCODING=QUOTED-PRINTABLE:Caf=C3=A9 =E4=B8=AD", "Café 中")]
    [InlineData("NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Caf=E9", "Café")] // not UTF-8 after all: windows-1252
    [InlineData("NOTE;ENCODING=QUOTED-PRINTABLE:a=3Db=0D=0Ac", "a=b\nc")]
    public void Quoted_printable_is_decoded_with_its_charset(string line, string expected)
    {
        var card = Card("BEGIN:VCARD", "VERSION:2.1", "FN:x", line, "END:VCARD");
        Assert.Equal(expected, card.DecodedProperties.Single(p => p.Is("NOTE")).Value);
        var converted = VCard.Parse(card.ToVersion3());
        Assert.Equal(expected, converted.DecodedProperties.Single(p => p.Is("NOTE")).Value);
    }

    [Fact]
    public void Version_2_1_values_are_escaped_the_3_0_way()
    {
        var card = Card("BEGIN:VCARD", "VERSION:2.1", "N:Doe;John", "FN:Doe, John", "TITLE:Boss, Chief", "ORG:A, Inc.;Sales\\; Marketing", "NOTE:C:\\dir",
            "URL;VALUE=URL:http://example.com/a,b", "GEO:37.24,-121.93", "X-CUSTOM;HOME:raw,value", "PHOTO;VALUE=URL:http://example.com/p.jpg", "END:VCARD");
        var text = card.ToVersion3();
        foreach (var expected in new[]
        {
            "FN:Doe\\, John", "TITLE:Boss\\, Chief", "ORG:A\\, Inc.;Sales\\; Marketing", "NOTE:C:\\\\dir", "URL;VALUE=uri:http://example.com/a,b",
            "GEO:37.24;-121.93", "X-CUSTOM;TYPE=HOME:raw\\,value", "PHOTO;VALUE=uri:http://example.com/p.jpg", "N:Doe;John",
        })
        {
            Assert.Contains("\r\n" + expected + "\r\n", text);
        }

        VCardFixtureTests.AssertKeepsEveryProperty(card, VCard.Parse(text));
    }

    [Fact]
    public void A_2_1_agent_card_is_embedded_as_escaped_text()
    {
        var card = Card("BEGIN:VCARD", "VERSION:2.1", "FN:Boss", "AGENT:", "BEGIN:VCARD", "VERSION:2.1", "FN:Assistant, Jane", "TEL;WORK:+1 555", "END:VCARD", "EMAIL:b@example.com", "END:VCARD");
        Assert.Single(card.Agents);
        Assert.Equal("Boss", card.Name);
        var text = card.ToVersion3();
        var converted = VCard.Parse(text);
        Assert.Empty(converted.Agents);
        Assert.Equal("b@example.com", converted.DecodedProperties.Single(p => p.Is("EMAIL")).Value);
        var agent = VCard.Parse(converted.DecodedProperties.Single(p => p.Is("AGENT")).Value.Replace("\n", "\r\n"));
        Assert.Equal("Assistant, Jane", agent.Name);
        Assert.Equal("3.0", agent.Version);
        Assert.Contains(agent.DecodedProperties, p => p.Is("TEL") && p.Value == "+1 555" && p.Types.SequenceEqual(new[] { "WORK" }));
    }

    [Fact]
    public void Version_4_0_photos_groups_and_members_become_3_0()
    {
        var bytes = Encoding.ASCII.GetBytes("not really a png");
        var card = Card("BEGIN:VCARD", "VERSION:4.0", "KIND:group", "FN:Team", "MEMBER:urn:uuid:03a0e51f-d1aa-4385-8a53-e29025acd8af",
            "MEMBER:mailto:x@example.com", "PHOTO:data:image/png;base64," + Convert.ToBase64String(bytes), "EMAIL;PREF=1;TYPE=\"work,home\":t@example.com", "END:VCARD");
        Assert.True(card.IsGroup);
        var text = card.ToVersion3();
        foreach (var expected in new[]
        {
            "KIND:group", "X-ADDRESSBOOKSERVER-KIND:group", "MEMBER:urn:uuid:03a0e51f-d1aa-4385-8a53-e29025acd8af",
            "X-ADDRESSBOOKSERVER-MEMBER:urn:uuid:03a0e51f-d1aa-4385-8a53-e29025acd8af", "X-ADDRESSBOOKSERVER-MEMBER:mailto:x@example.com",
            "PHOTO;ENCODING=b;TYPE=PNG:" + Convert.ToBase64String(bytes), "EMAIL;TYPE=work,home,pref:t@example.com", "N:Team;;;;",
        })
        {
            Assert.Contains("\r\n" + expected + "\r\n", text);
        }

        var converted = VCard.Parse(text);
        Assert.True(converted.IsGroup);
        VCardFixtureTests.AssertKeepsEveryProperty(card, converted);
    }

    [Theory]
    [InlineData("BEGIN:VCARD\r\nVERSION:2.1\r\nEMAIL:only@example.com\r\nEND:VCARD\r\n", "only@example.com")]
    [InlineData("BEGIN:VCARD\r\nVERSION:3.0\r\nN:Doe;John;Q;Dr.;\r\nEND:VCARD\r\n", "Dr. John Q Doe")]
    [InlineData("BEGIN:VCARD\r\nVERSION:3.0\r\nORG:Acme;Sales\r\nEND:VCARD\r\n", "Acme")]
    [InlineData("BEGIN:VCARD\r\nVERSION:3.0\r\nEND:VCARD\r\n", "")]
    public void Name_falls_back_from_FN_to_N_ORG_and_EMAIL(string text, string name)
    {
        var card = VCard.Parse(text);
        Assert.Equal(name, card.Name);
        if (card.Version == "2.1")
            Assert.Contains("\r\nFN:" + name + "\r\n", card.ToVersion3());
    }

    [Fact]
    public void A_card_without_VERSION_is_read_as_2_1_or_3_0_by_its_look_and_written_with_VERSION_3_0()
    {
        var old = VCard.Parse("BEGIN:VCARD\r\nTEL;WORK:1\r\nEND:VCARD\r\n");
        Assert.Equal("2.1", old.Version);
        Assert.True(old.VersionWasGuessed);
        var plain = VCard.Parse("BEGIN:VCARD\r\nFN:A\\, B\r\nEND:VCARD\r\n");
        Assert.Equal("3.0", plain.Version);
        Assert.Equal("A, B", plain.Name);
        Assert.StartsWith("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\\, B\r\n", plain.ToVersion3());
    }

    [Fact]
    public void Stable_uids_are_the_same_on_every_read_and_differ_between_cards()
    {
        var text = CardFixtures.Text("gmail-list.vcf") + "\r\n" + CardFixtures.Text("John_Doe_MS_OUTLOOK.vcf");
        var first = VCard.ReadAll(text).Select(c => c.WithStableUid()).ToList();
        var second = VCard.ReadAll(text).Select(c => c.WithStableUid()).ToList();
        Assert.Equal(first.Select(c => c.Uid), second.Select(c => c.Uid));
        Assert.Equal(first.Count, first.Select(c => c.Uid).Distinct().Count());
        Assert.All(first, c => Assert.True(c.UidWasAssigned));
        Assert.All(first, c => Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", c.Uid!));

        var outlook = first[^1];
        Assert.Equal("2.1", outlook.Version);
        Assert.StartsWith("BEGIN:VCARD\r\nVERSION:2.1\r\nUID:" + outlook.Uid + "\r\nN;", outlook.Text);
        Assert.Contains("\r\nUID:" + outlook.Uid + "\r\n", outlook.ToVersion3());
        Assert.Equal(outlook.Uid, VCard.Parse(outlook.ToVersion3()).Uid);

        var withUid = VCard.Parse("BEGIN:VCARD\r\nVERSION:3.0\r\nUID:abc\r\nFN:x\r\nEND:VCARD\r\n");
        Assert.Same(withUid, withUid.WithStableUid());
        Assert.False(withUid.UidWasAssigned);
        Assert.Equal("abc", withUid.Uid);
    }

    [Fact]
    public void Streams_are_decoded_by_their_byte_order_mark_or_as_UTF_8_else_windows_1252()
    {
        const string Text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Ångström 中\r\nEND:VCARD\r\n";
        foreach (var encoding in new Encoding[] { new UTF8Encoding(true), new UTF8Encoding(false), new UnicodeEncoding(false, true), new UnicodeEncoding(true, true) })
        {
            var bytes = encoding.GetPreamble().Concat(encoding.GetBytes(Text)).ToArray();
            Assert.Equal("Zoë Ångström 中", VCard.ReadAll(new MemoryStream(bytes)).Single().Name);
        }

        System.Text.Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var ansi = Encoding.GetEncoding(1252).GetBytes("BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Zoë Müller\r\nEND:VCARD\r\n");
        Assert.Equal("Zoë Müller", VCard.ReadAll(new MemoryStream(ansi)).Single().Name);
    }
}
