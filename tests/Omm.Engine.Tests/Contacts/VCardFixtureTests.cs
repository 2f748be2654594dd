using System.Security.Cryptography;
using System.Text;
using Omm.Engine.Contacts;
using Omm.Engine.Tests.ContentLines;

namespace Omm.Engine.Tests.Contacts;

/// <summary>
/// The real .vcf files: every card reads, converts to 3.0 keeping every property, and holds the facts read
/// from the files by eye (photo sizes and hashes were computed apart, with Python's base64 module).
/// </summary>
public class VCardFixtureTests
{
    [Theory]
    [InlineData("John_Doe_MS_OUTLOOK.vcf", 1, "2.1")]
    [InlineData("outlook-2007.vcf", 1, "2.1")]
    [InlineData("John_Doe_IPHONE.vcf", 1, "3.0")]
    [InlineData("gmail-list.vcf", 3, "3.0")]
    [InlineData("rfc2426-example.vcf", 2, "3.0")]
    [InlineData("rfc6350-example.vcf", 1, "4.0")]
    public void Every_fixture_reads(string name, int cards, string version)
    {
        using var stream = File.OpenRead(CardFixtures.PathOf(name));
        var read = VCard.ReadAll(stream);
        Assert.Equal(cards, read.Count);
        Assert.All(read, card => Assert.Equal(version, card.Version));
        Assert.Equal(6, CardFixtures.All().Count());
    }

    [Theory]
    [MemberData(nameof(CardFixtures.All), MemberType = typeof(CardFixtures))]
    public void Version3_keeps_every_property(string name)
    {
        foreach (var card in VCard.ReadAll(CardFixtures.Text(name)))
        {
            var text = card.ToVersion3();
            ContentLineWriterTests.AssertFolded(text);
            var converted = VCard.Parse(text);
            Assert.Equal("3.0", converted.Version);
            Assert.Equal(card.Name, converted.Name);
            AssertKeepsEveryProperty(card, converted);
            if (card.IsVersion3)
                AssertSameBut30Repairs(card.Text, text);
        }
    }

    [Fact]
    public void Outlook_2_1_card_holds_what_the_file_says()
    {
        var card = VCard.ReadAll(CardFixtures.Text("John_Doe_MS_OUTLOOK.vcf")).Single();
        Assert.Equal("Mr. John Richter James Doe Sr.", card.Name);
        Assert.Null(card.Uid);
        Assert.False(card.IsGroup);

        var n = Single(card, "N");
        Assert.Equal(new[] { "Doe" }, n.Components[0]);
        Assert.Equal(new[] { "John" }, n.Components[1]);
        Assert.Equal(new[] { "Richter", "James" }, n.Components[2]);
        Assert.Equal(new[] { "Mr." }, n.Components[3]);
        Assert.Equal(new[] { "Sr." }, n.Components[4]);
        Assert.Equal("en-us", n.Line.Parameter("LANGUAGE"));

        var phones = card.DecodedProperties.Where(p => p.Is("TEL")).Select(p => (string.Join(",", p.Types), p.Value)).ToList();
        Assert.Equal(new[] { ("WORK,VOICE", "(905) 555-1234"), ("HOME,VOICE", "(905) 666-1234") }, phones);
        var email = Single(card, "EMAIL");
        Assert.Equal("john.doe@ibm.cm", email.Value);
        Assert.Equal(new[] { "INTERNET", "PREF" }, email.Types.OrderBy(t => t));

        var labels = card.DecodedProperties.Where(p => p.Is("LABEL")).ToList();
        Assert.Equal("Cresent moon drive\nAlbaney, New York  12345", labels[0].Value);
        Assert.Equal(new[] { "PREF", "WORK" }, labels[0].Types.OrderBy(t => t));
        Assert.Equal("Silicon Alley 5,\nNew York, New York  12345", labels[1].Value);
        var home = card.DecodedProperties.Where(p => p.Is("ADR")).ElementAt(1);
        Assert.Equal(new[] { "", "", "Silicon Alley 5,", "New York", "New York", "12345", "United States of America" }, home.Components.Select(c => c.Single()));

        Assert.StartsWith("THIS SOFTWARE IS PROVIDED BY GEORGE EL-HADDAD ''AS IS'' AND ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING,", Single(card, "NOTE").Value);
        Assert.EndsWith("EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.", Single(card, "NOTE").Value);
        Assert.Equal("19800322", Single(card, "BDAY").Value);
        Assert.Equal("Big Blue", Single(card, "X-MS-MANAGER").Value);
        Assert.Equal("20110113", Single(card, "X-MS-ANNIVERSARY").Value);
        Assert.StartsWith("<card xmlns=\"http://schemas.microsoft.com/office/outlook/12/electronicbusinesscards\"", Single(card, "X-MS-OL-DESIGN").Value);
        AssertPhoto(Single(card, "PHOTO"), 860, "41533f06ce6eabc2cd74b81d82975cec8ca6b2f2aac48c7245454cb88c7b26de");

        var text = card.ToVersion3();
        Assert.Contains("\r\nTEL;TYPE=WORK,VOICE:(905) 555-1234\r\n", text);
        Assert.Contains("\r\nEMAIL;TYPE=PREF,INTERNET:john.doe@ibm.cm\r\n", text);
        Assert.Contains("\r\nLABEL;TYPE=WORK,PREF:Cresent moon drive\\nAlbaney\\, New York  12345\r\n", text);
        Assert.Contains("\r\nPHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQ", text);
        Assert.Contains("\r\nN;LANGUAGE=en-us:Doe;John;Richter,James;Mr.;Sr.\r\n", text);
        Assert.DoesNotContain("QUOTED-PRINTABLE", text);
        Assert.DoesNotContain("CHARSET", text);
        Assert.DoesNotContain("BASE64", text);
    }

    [Fact]
    public void Outlook_2007_card_holds_what_the_file_says()
    {
        var card = VCard.ReadAll(CardFixtures.Text("outlook-2007.vcf")).Single();
        Assert.Equal("Mr. Michael Angstadt Jr.", card.Name);
        Assert.Equal(
            "This is the NOTE field\t\nI assume it encodes this text inside a NOTE vCard type.\nBut I'm not sure because there's text formatting going on here.\nIt does not preserve the formatting",
            Single(card, "NOTE").Value);
        var phones = card.DecodedProperties.Where(p => p.Is("TEL")).Select(p => (string.Join(",", p.Types), p.Value)).ToList();
        Assert.Equal(new[] { ("WORK,VOICE", "(111) 555-1111"), ("HOME,VOICE", "(111) 555-2222"), ("CELL,VOICE", "(111) 555-4444"), ("WORK,FAX", "(111) 555-3333") }, phones);
        Assert.Equal(new[] { "VOICE", "CALLBACK" }, Single(card, "X-MS-TEL").Types);
        Assert.Equal("222 Broadway\nNew York, NY 99999\nUSA", Single(card, "LABEL").Value);
        Assert.Equal(new[] { "", "TheOffice", "222 Broadway", "New York", "NY", "99999", "USA" }, Single(card, "ADR").Components.Select(c => c.Single()));
        Assert.Equal(new[] { "TheCompany", "TheDepartment" }, Single(card, "ORG").Components.Select(c => c.Single()));
        Assert.Equal("http://website.com/mycal", Single(card, "FBURL").Value);

        var key = Single(card, "KEY");
        Assert.Equal(new[] { "X509" }, key.Types);
        Assert.Equal(514, key.Data!.Length);
        Assert.Equal("bbf0767ed7e9fcc47354dedd537764066ec82abf9058ffe0394a2bdadd82e738", Sha256(key.Data));
        AssertPhoto(Single(card, "PHOTO"), 2324, "5a0fae04fa507f6ae72bc8a5826ad2dd0cac61bf0949e102552b8b55280b5551");
        Assert.Contains("\r\nKEY;ENCODING=b;TYPE=X509:MIIB/jCCAW", card.ToVersion3());
    }

    [Fact]
    public void IPhone_card_holds_what_the_file_says()
    {
        var bytes = File.ReadAllBytes(CardFixtures.PathOf("John_Doe_IPHONE.vcf"));
        Assert.Contains("\r\r\n", Encoding.UTF8.GetString(bytes)); // its odd line ends
        var card = VCard.ReadAll(new MemoryStream(bytes)).Single();
        Assert.DoesNotContain("\r\r", card.Text);
        // Re-folded at 75 octets, else as read but for the values that break 3.0's escaping: bare commas in
        // text get their backslash, and the needless one in "http\://" goes.
        var version3 = Unfold(card.ToVersion3());
        AssertSameBut30Repairs(card.Text, version3);
        Assert.Contains("\r\nitem3.ADR;type=HOME;type=pref:;;Silicon Alley 5\\,;New York;New York;12345;United States of America\r\n", version3);
        Assert.Contains("\r\nitem4.X-ABADR:Street 4\\, Building 6\\,\\n Floor 8\\nNew York\\nUSA\r\n", version3);
        Assert.Contains("\r\nitem5.URL;type=pref:http://www.ibm.com\r\n", version3);
        Assert.Contains("\r\nitem3.ADR;type=HOME;type=pref:;;Silicon Alley 5,;New York;New York;12345;United States of America\r\n", card.Text);
        Assert.DoesNotContain("United States of America", card.ToVersion3());
        Assert.Equal("-//Apple Inc.//iOS 5.0.1//EN", Single(card, "PRODID").Value);

        var email = Single(card, "EMAIL");
        Assert.Equal("item1", email.Group);
        Assert.Equal("john.doe@ibm.com", email.Value);
        Assert.Equal(new[] { "INTERNET", "PREF" }, email.Types);
        var phones = card.DecodedProperties.Where(p => p.Is("TEL")).Select(p => (p.Group, string.Join(",", p.Types), p.Value)).ToList();
        Assert.Equal(new (string?, string, string)[]
        {
            (null, "CELL,VOICE,PREF", "905-555-1234"), (null, "HOME,VOICE", "905-666-1234"), (null, "WORK,VOICE", "905-777-1234"),
            (null, "HOME,FAX", "905-888-1234"), (null, "WORK,FAX", "905-999-1234"), (null, "PAGER", "905-111-1234"), ("item2", "", "905-222-1234"),
        }, phones);
        Assert.Contains(card.DecodedProperties, p => p.Group == "item2" && p.Is("X-ABLABEL") && p.Value == "_$!<AssistantPhone>!$_");
        var work = card.DecodedProperties.Single(p => p.Is("ADR") && p.Group == "item4");
        Assert.Equal("Street4\nBuilding 6\nFloor 8", work.Components[2].Single());
        Assert.Equal("2012-06-06", Single(card, "BDAY").Value);
        AssertPhoto(Single(card, "PHOTO"), 32531, "e01af63d0602d72a78c324e4c2ca35db8df8486f4857c8f18a4e12251e420e28");
    }

    [Fact]
    public void Gmail_and_RFC_2426_cards_hold_what_the_files_say()
    {
        var gmail = VCard.ReadAll(CardFixtures.Text("gmail-list.vcf"));
        Assert.Equal(new[] { "Arnold Smith", "Chris Beatle", "Doug White" }, gmail.Select(c => c.Name));
        Assert.Equal(new[] { "asmithk@gmail.com", "chrisy55d@yahoo.com", "dwhite@gmail.com" }, gmail.Select(c => Single(c, "EMAIL").Value));

        var rfc = VCard.ReadAll(CardFixtures.Text("rfc2426-example.vcf"));
        Assert.Equal(new[] { "Frank Dawson", "Tim Howes" }, rfc.Select(c => c.Name));
        Assert.Equal(new[] { "", "", "6544 Battleford Drive", "Raleigh", "NC", "27613-3502", "U.S.A." }, Single(rfc[0], "ADR").Components.Select(c => c.Single()));
        Assert.Equal(new[] { "WORK", "POSTAL", "PARCEL" }, Single(rfc[0], "ADR").Types);
        Assert.Equal(new[] { "", "", "501 E. Middlefield Rd.", "Mountain View", "CA", " 94043", "U.S.A." }, Single(rfc[1], "ADR").Components.Select(c => c.Single()));
        Assert.Equal("BEGIN:vCard\r\n", rfc[1].Text.Substring(0, 13));
    }

    [Fact]
    public void RFC_6350_card_becomes_3_0()
    {
        var card = VCard.ReadAll(CardFixtures.Text("rfc6350-example.vcf")).Single();
        var text = card.ToVersion3();
        foreach (var expected in new[]
        {
            "VERSION:3.0", "N:Perreault;Simon;;;ing. jr,M.Sc.", "LANG;TYPE=pref:fr", "ADR;TYPE=work:;Suite D2-630;2875 Laurier;Quebec;QC;G1V 2M2;Canada",
            "TEL;TYPE=work,voice,pref:+1-418-656-9254\\;ext=102", "TEL;TYPE=work,cell,voice,video,text:+1-418-262-6501",
            "GEO;TYPE=work:46.772673;-71.282945", "ANNIVERSARY:20090808T1430-0500", "GENDER:M", "KEY;TYPE=work;VALUE=uri:http://www.viagenie.ca/simon.perreault/simon.asc",
        })
        {
            Assert.Contains("\r\n" + expected + "\r\n", text);
        }

        Assert.DoesNotContain("VERSION:4.0", text);
        Assert.DoesNotContain("tel:", text);
        Assert.DoesNotContain("geo:", text);
    }

    /// <summary>
    /// Each property of the original (VERSION aside) appears, in order, in the converted card with the same
    /// group, name, decoded value, type set and bytes.
    /// </summary>
    internal static void AssertKeepsEveryProperty(VCard original, VCard converted)
    {
        var next = 0;
        foreach (var property in original.DecodedProperties.Where(p => !p.Is("VERSION")))
        {
            while (next < converted.DecodedProperties.Count && !(converted.DecodedProperties[next].Is(property.Name) && converted.DecodedProperties[next].Group == property.Group))
                next++;
            Assert.True(next < converted.DecodedProperties.Count, $"{property} (line {property.Line.LineNumber}) is missing from the 3.0 card");
            var copy = converted.DecodedProperties[next++];
            Assert.Equal(property.Types.OrderBy(t => t), copy.Types.OrderBy(t => t));
            if (property.Data != null)
            {
                Assert.NotNull(copy.Data);
                Assert.Equal(property.Data, copy.Data);
            }
            else if (property.Is("URL"))
            {
                // A URI keeps its characters; "http\://" (Apple) is "http://".
                Assert.Equal(property.Value.Replace("\\", string.Empty), copy.Value);
            }
            else if (!property.Is("AGENT"))
            {
                Assert.Equal(property.Components.Select(c => c.ToList()), copy.Components.Select(c => c.ToList()));
            }
        }
    }

    /// <summary>The 3.0 card is the original but for lines whose values had bare commas or escaped URI characters.</summary>
    private static void AssertSameBut30Repairs(string original, string converted)
    {
        var before = Unfold(original).Split("\r\n");
        var after = Unfold(converted).Split("\r\n");
        Assert.Equal(before.Length, after.Length);
        for (var i = 0; i < before.Length; i++)
        {
            if (before[i] != after[i])
                Assert.True(before[i].Contains(',') || before[i].Contains("\\:"), $"'{before[i]}' became '{after[i]}'");
        }
    }

    private static string Unfold(string text) => text.Replace("\r\n ", "").Replace("\r\n\t", "");

    private static VCardProperty Single(VCard card, string name) => card.DecodedProperties.Single(p => p.Is(name));

    private static void AssertPhoto(VCardProperty photo, int length, string sha256)
    {
        Assert.Contains("JPEG", photo.Types);
        Assert.Equal(length, photo.Data!.Length);
        Assert.Equal(new byte[] { 0xFF, 0xD8 }, photo.Data[..2]);
        Assert.Equal(new byte[] { 0xFF, 0xD9 }, photo.Data[^2..]);
        Assert.Equal(sha256, Sha256(photo.Data));
    }

    private static string Sha256(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));
}
