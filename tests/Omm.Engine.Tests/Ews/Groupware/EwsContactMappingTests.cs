using System.Xml.Linq;
using Omm.Engine.Connectors.Ews.Groupware;
using Omm.Engine.Contacts;
using static Omm.Engine.Tests.Ews.Groupware.EwsGroupwareTesting;

namespace Omm.Engine.Tests.Ews.Groupware;

public class EwsContactMappingTests
{
    public static TheoryData<string> VcfFixtures()
    {
        var data = new TheoryData<string>();
        foreach (var file in Fixtures("vcf", "*.vcf"))
            data.Add(Path.GetFileName(file));
        return data;
    }

    /// <summary>
    /// Every card of every shared .vcf: the t:Contact is valid in a CreateItem, and the vCard made back from it
    /// says the same names, addresses, numbers, organisation, birthday and photo, or a loss note names what is not there.
    /// </summary>
    [Theory]
    [MemberData(nameof(VcfFixtures))]
    public void Fixture_cards_go_to_exchange_and_back_with_their_facts(string file)
    {
        foreach (var card in VCard.ReadAll(File.ReadAllText(Fixture("vcf", file))).Select(c => c.WithStableUid()))
        {
            var draft = EwsContactMapping.ToEws(card, new[] { UidProperty(card.Uid!) });
            Assert.Empty(ValidateCreate(draft.Item));
            var back = EwsContactMapping.FromEws(draft.Item, "fallback", UidField, draft.Photo);
            var copy = VCard.Parse(back.Text);
            Assert.Equal("3.0", copy.Version);
            Assert.Equal(card.Uid, copy.Uid);
            AssertSameFacts(card, copy, draft.Losses);
        }
    }

    [Fact]
    public void The_iphone_card_fills_typed_fields_in_schema_order()
    {
        var card = VCard.ReadAll(File.ReadAllText(Fixture("vcf", "John_Doe_IPHONE.vcf")))[0];
        var draft = EwsContactMapping.ToEws(card, Array.Empty<XElement>());
        var item = draft.Item;
        Assert.Equal("Mr. John Richter James Doe Sr.", item.Element(T + "DisplayName")!.Value);
        Assert.Equal("John", item.Element(T + "GivenName")!.Value);
        Assert.Equal("Richter James", item.Element(T + "MiddleName")!.Value);
        Assert.Equal("Doe", item.Element(T + "Surname")!.Value);
        Assert.Equal("Sr.", item.Element(T + "Generation")!.Value);
        Assert.Equal("IBM", item.Element(T + "CompanyName")!.Value);
        Assert.Equal("Accounting", item.Element(T + "Department")!.Value);
        Assert.Equal("Money Counter", item.Element(T + "JobTitle")!.Value);
        Assert.Equal("2012-06-06T00:00:00Z", item.Element(T + "Birthday")!.Value);
        var phones = item.Element(T + "PhoneNumbers")!.Elements().ToDictionary(e => (string)e.Attribute("Key")!, e => e.Value);
        Assert.Equal("905-555-1234", phones["MobilePhone"]);
        Assert.Equal("905-666-1234", phones["HomePhone"]);
        Assert.Equal("905-777-1234", phones["BusinessPhone"]);
        Assert.Equal("905-888-1234", phones["HomeFax"]);
        Assert.Equal("905-999-1234", phones["BusinessFax"]);
        Assert.Equal("905-111-1234", phones["Pager"]);
        Assert.Equal("905-222-1234", phones["AssistantPhone"]);
        var addresses = item.Element(T + "PhysicalAddresses")!.Elements().ToDictionary(e => (string)e.Attribute("Key")!, e => e);
        Assert.Equal("New York", addresses["Home"].Element(T + "City")!.Value);
        Assert.Equal("Street4\nBuilding 6\nFloor 8", addresses["Business"].Element(T + "Street")!.Value);
        Assert.Equal("Home", item.Element(T + "PostalAddressIndex")!.Value);
        Assert.NotNull(draft.Photo);
        Assert.Equal("image/jpeg", draft.Photo!.ContentType);
        Assert.Equal(0xFF, draft.Photo.Data[0]);
        Assert.Contains(draft.Losses, l => l.StartsWith("X-ABADR ", StringComparison.Ordinal));

        var names = item.Elements().Select(e => e.Name.LocalName).ToList();
        Assert.True(names.IndexOf("DisplayName") < names.IndexOf("EmailAddresses"));
        Assert.True(names.IndexOf("PhoneNumbers") < names.IndexOf("Birthday"));
        Assert.True(names.IndexOf("JobTitle") < names.IndexOf("Surname"));
    }

    [Fact]
    public void What_exchange_cannot_keep_is_named_in_a_sentence()
    {
        var card = VCard.Parse(string.Join("\r\n",
            "BEGIN:VCARD", "VERSION:3.0", "UID:u1", "FN:Ann Example", "N:Example;Ann;;;",
            "EMAIL;TYPE=INTERNET:a@x.example", "EMAIL;TYPE=INTERNET:b@x.example", "EMAIL;TYPE=INTERNET:c@x.example", "EMAIL;TYPE=INTERNET:d@x.example",
            "TEL;TYPE=WORK:1", "TEL;TYPE=WORK:2", "TEL;TYPE=WORK:3", "TEL;TYPE=CELL:4", "TEL;TYPE=CELL:5",
            "GEO:46.77;-71.28", "X-CUSTOM:hello", "URL;TYPE=WORK:http://a.example", "URL;TYPE=HOME:http://b.example", "URL:http://c.example",
            "BDAY:--0203", "END:VCARD", ""));
        var draft = EwsContactMapping.ToEws(card, Array.Empty<XElement>());
        Assert.Contains("EMAIL d@x.example (the 4th address): Exchange keeps three; not copied.", draft.Losses);
        Assert.Contains("TEL 3 (the 3rd work number): Exchange keeps two; not copied.", draft.Losses);
        Assert.Contains("TEL 5 (the 2nd mobile number): Exchange keeps one; not copied.", draft.Losses);
        Assert.Contains("GEO 46.77;-71.28: Exchange has no field for it; not copied.", draft.Losses);
        Assert.Contains("X-CUSTOM hello: Exchange has no field for it; not copied.", draft.Losses);
        Assert.Contains("URL http://c.example: Exchange keeps one business and one personal web page; not copied.", draft.Losses);
        Assert.Contains("BDAY --0203: Exchange needs a full date (with its year); not copied.", draft.Losses);
        Assert.Equal(7, draft.Losses.Count);
        Assert.Empty(ValidateCreate(draft.Item));

        var back = VCard.Parse(EwsContactMapping.FromEws(draft.Item, "u1").Text);
        Assert.Equal(new[] { "http://a.example", "http://b.example" }, back.DecodedProperties.Where(p => p.Is("URL")).Select(p => p.Value));
    }

    [Fact]
    public void The_uid_comes_from_the_extended_property_else_from_the_caller()
    {
        var card = VCard.Parse("BEGIN:VCARD\r\nVERSION:3.0\r\nUID:from-card\r\nFN:X\r\nEND:VCARD\r\n");
        var draft = EwsContactMapping.ToEws(card, new[] { UidProperty("from-card") });
        Assert.Equal("from-card", VCard.Parse(EwsContactMapping.FromEws(draft.Item, "from-item-id", UidField).Text).Uid);
        Assert.Equal("from-item-id", VCard.Parse(EwsContactMapping.FromEws(draft.Item, "from-item-id").Text).Uid);

        // Exchange answers with its own casing of property set GUIDs and tags.
        var tagged = new XElement(T + "Contact", new XElement(T + "ExtendedProperty",
            new XElement(T + "ExtendedFieldURI", new XAttribute("PropertySetId", "c11ff724-aa03-4555-9952-8fa248a11c3e"), new XAttribute("PropertyName", "Uid"), new XAttribute("PropertyType", "String")),
            new XElement(T + "Value", "echoed")));
        var field = new XElement(T + "ExtendedFieldURI", new XAttribute("PropertySetId", "C11FF724-AA03-4555-9952-8FA248A11C3E"), new XAttribute("PropertyName", "Uid"), new XAttribute("PropertyType", "String"));
        Assert.Equal("echoed", VCard.Parse(EwsContactMapping.FromEws(tagged, "other", field).Text).Uid);
    }

    [Fact]
    public void Recorded_exchange_contacts_become_cards_with_their_values()
    {
        var complete = VCard.Parse(EwsContactMapping.FromEws(RecordedItem("ex2019cu15-testContactFieldVariations-05-GetItemResponse.xml", "Contact"), "id-1").Text);
        Assert.Equal("Complete Test", complete.Name);
        Assert.Equal("Test;Complete;;;", Value(complete, "N"));
        Assert.Equal("Test Company Inc.;Quality Assurance", Value(complete, "ORG"));
        Assert.Equal("Senior Test Engineer", Value(complete, "TITLE"));
        Assert.Equal("complete@test.com", Value(complete, "EMAIL"));
        var tel = complete.DecodedProperties.Single(p => p.Is("TEL"));
        Assert.Equal("+1-555-0123", tel.Value);
        Assert.Contains("HOME", tel.Types);
        Assert.Equal("id-1", complete.Uid);

        var business = VCard.Parse(EwsContactMapping.FromEws(RecordedItem("ex2019cu15-testContactFieldVariations-07-GetItemResponse.xml", "Contact"), "id-2").Text);
        Assert.Equal(new[] { "business@company.com", "personal@email.com" }, business.DecodedProperties.Where(p => p.Is("EMAIL")).Select(p => p.Value));
        Assert.Contains(business.DecodedProperties, p => p.Is("TEL") && p.Value == "+1-555-0100" && p.Types.Contains("WORK"));
        Assert.Contains(business.DecodedProperties, p => p.Is("TEL") && p.Value == "+1-555-0200" && p.Types.Contains("CELL"));

        foreach (var (file, name, email) in new[]
                 {
                     ("ex2019cu15-testInternationalContactSupport-03-GetItemResponse.xml", "François Müller", "francois.muller@example.com"),
                     ("ex2019cu15-testInternationalContactSupport-05-GetItemResponse.xml", "田中 太郎", "tanaka.taro@example.jp"),
                     ("ex2019cu15-testInternationalContactSupport-07-GetItemResponse.xml", "Владимир Иванов", "vladimir.ivanov@example.ru"),
                 })
        {
            var card = VCard.Parse(EwsContactMapping.FromEws(RecordedItem(file, "Contact"), "id").Text);
            Assert.Equal(name, card.Name);
            Assert.Equal(email, Value(card, "EMAIL"));
        }

        var withAddress = VCard.Parse(EwsContactMapping.FromEws(RecordedItem("exo2020-testDeleteContactField-04-GetItemResponse.xml", "Contact"), "id").Text);
        var adr = withAddress.DecodedProperties.Single(p => p.Is("ADR"));
        Assert.Contains("WORK", adr.Types);
        Assert.Equal(";;123 Street;;123 State;;", adr.Value);
        Assert.Equal("Smith", withAddress.Name);
    }

    [Fact]
    public void A_contact_photo_goes_out_as_bytes_and_comes_back_in_the_card()
    {
        var photo = Enumerable.Range(0, 300).Select(i => (byte)i).ToArray();
        var card = VCard.Parse("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:P\r\nPHOTO;ENCODING=b;TYPE=PNG:" + Convert.ToBase64String(photo) + "\r\nEND:VCARD\r\n");
        var draft = EwsContactMapping.ToEws(card, Array.Empty<XElement>());
        Assert.Equal(photo, draft.Photo!.Data);
        Assert.Equal("image/png", draft.Photo.ContentType);
        Assert.Equal("ContactPicture.png", draft.Photo.FileName);
        var back = VCard.Parse(EwsContactMapping.FromEws(draft.Item, "x", null, draft.Photo).Text);
        Assert.Equal(photo, back.DecodedProperties.Single(p => p.Is("PHOTO")).Data);
    }

    private static string Value(VCard card, string name) => card.DecodedProperties.First(p => p.Is(name)).Value;

    internal static void AssertSameFacts(VCard original, VCard copy, IReadOnlyList<string> losses)
    {
        bool Lost(string what) => losses.Any(l => l.Contains(what, StringComparison.OrdinalIgnoreCase));
        List<VCardProperty> All(VCard card, string name) => card.DecodedProperties.Where(p => p.Is(name) && p.Value.Trim().Length > 0).ToList();

        Assert.Equal(original.Name, copy.Name);
        var n = original.DecodedProperties.FirstOrDefault(p => p.Is("N"));
        if (n != null)
        {
            var copied = copy.DecodedProperties.First(p => p.Is("N"));
            for (var i = 0; i < Math.Min(5, n.Components.Count); i++)
                Assert.Equal(string.Join(" ", n.Components[i].Where(s => s.Trim().Length > 0)), string.Join(" ", copied.Components[i].Where(s => s.Trim().Length > 0)));
        }

        var emails = All(copy, "EMAIL").Select(e => e.Value.Trim()).ToList();
        foreach (var email in All(original, "EMAIL"))
            Assert.True(emails.Contains(email.Value.Trim(), StringComparer.OrdinalIgnoreCase) || Lost(email.Value.Trim()), $"EMAIL {email.Value}");
        var phones = All(copy, "TEL").Select(t => t.Value.Trim()).ToList();
        foreach (var tel in All(original, "TEL"))
            Assert.True(phones.Contains(tel.Value.Trim()) || Lost("TEL " + tel.Value.Trim()), $"TEL {tel.Value}");
        var cities = All(copy, "ADR").Select(a => a.Components.Count > 3 ? string.Join(" ", a.Components[3]) : "").ToList();
        foreach (var adr in All(original, "ADR"))
        {
            var city = adr.Components.Count > 3 ? string.Join(" ", adr.Components[3]).Trim() : "";
            Assert.True(cities.Contains(city) || Lost("ADR "), $"ADR {adr.Value}");
        }

        var org = original.DecodedProperties.FirstOrDefault(p => p.Is("ORG"));
        if (org != null)
            Assert.Equal(string.Join(" ", org.Components[0]).Trim(), string.Join(" ", copy.DecodedProperties.First(p => p.Is("ORG")).Components[0]).Trim());
        var title = original.DecodedProperties.FirstOrDefault(p => p.Is("TITLE"));
        if (title != null)
            Assert.Equal(title.Value.Trim(), copy.DecodedProperties.First(p => p.Is("TITLE")).Value);
        var birthday = original.DecodedProperties.FirstOrDefault(p => p.Is("BDAY"));
        if (birthday != null)
        {
            var digits = new string(birthday.Value.Where(char.IsDigit).ToArray());
            var copied = copy.DecodedProperties.FirstOrDefault(p => p.Is("BDAY"));
            Assert.True(copied != null && new string(copied.Value.Where(char.IsDigit).ToArray()) == digits.Substring(0, Math.Min(8, digits.Length)) || Lost("BDAY"), $"BDAY {birthday.Value}");
        }

        var photo = original.DecodedProperties.FirstOrDefault(p => p.Is("PHOTO") && p.Data != null);
        if (photo != null)
            Assert.Equal(photo.Data, copy.DecodedProperties.Single(p => p.Is("PHOTO")).Data);
        var categories = original.DecodedProperties.Where(p => p.Is("CATEGORIES")).SelectMany(p => p.Components.SelectMany(c => c)).Where(c => c.Trim().Length > 0).ToList();
        Assert.Equal(categories, copy.DecodedProperties.Where(p => p.Is("CATEGORIES")).SelectMany(p => p.Components.SelectMany(c => c)).ToList());
        var note = original.DecodedProperties.FirstOrDefault(p => p.Is("NOTE"));
        if (note != null)
            Assert.Equal(note.Value.Trim().Replace("\r\n", "\n"), copy.DecodedProperties.Single(p => p.Is("NOTE")).Value);
    }
}
