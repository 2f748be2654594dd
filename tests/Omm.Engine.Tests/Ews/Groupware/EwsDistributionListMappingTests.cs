using System.Xml.Linq;
using Omm.Engine.Connectors.Ews.Groupware;
using Omm.Engine.Contacts;
using static Omm.Engine.Tests.Ews.Groupware.EwsGroupwareTesting;

namespace Omm.Engine.Tests.Ews.Groupware;

public class EwsDistributionListMappingTests
{
    /// <summary>The group card the PST reader writes (VCardWriter): members as X-ADDRESSBOOKSERVER-MEMBER with X-CN, and an EMAIL line each.</summary>
    private const string PstGroup = "BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Omm//PST reader//EN\r\nUID:pst-0011\r\nFN:Team\r\nN:Team;;;;\r\nX-ADDRESSBOOKSERVER-KIND:group\r\n"
                                    + "EMAIL;TYPE=INTERNET:ann@example.com\r\nX-ADDRESSBOOKSERVER-MEMBER;X-CN=Ann Example:mailto:ann@example.com\r\n"
                                    + "EMAIL;TYPE=INTERNET:bob@example.com\r\nX-ADDRESSBOOKSERVER-MEMBER:mailto:bob@example.com\r\nNOTE:Our team\r\nCATEGORIES:Work\r\nEND:VCARD\r\n";

    private const string Version4Group = "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:urn:uuid:g1\r\nKIND:group\r\nFN:Friends\r\n"
                                         + "MEMBER;CN=Cy:mailto:cy@example.org\r\nMEMBER:urn:uuid:03a0e51f-d1aa-4385-8a53-e29025acd8af\r\nEND:VCARD\r\n";

    [Fact]
    public void A_pst_group_becomes_a_distribution_list_and_comes_back_the_same()
    {
        var card = VCard.Parse(PstGroup);
        Assert.True(card.IsGroup);
        var draft = EwsDistributionListMapping.ToEws(card, new[] { UidProperty(card.Uid!) });
        Assert.Empty(draft.Losses);
        Assert.Empty(ValidateCreate(draft.Item));
        Assert.Equal("DistributionList", draft.Item.Name.LocalName);
        Assert.Equal("Team", draft.Item.Element(T + "DisplayName")!.Value);
        var members = draft.Item.Element(T + "Members")!.Elements(T + "Member").Select(m => m.Element(T + "Mailbox")!).ToList();
        Assert.Equal(new[] { "ann@example.com", "bob@example.com" }, members.Select(m => m.Element(T + "EmailAddress")!.Value));
        Assert.Equal(new[] { "Ann Example", "bob@example.com" }, members.Select(m => m.Element(T + "Name")!.Value));
        Assert.All(members, m => Assert.Equal("SMTP", m.Element(T + "RoutingType")!.Value));

        var back = VCard.Parse(EwsDistributionListMapping.FromEws(draft.Item, "fallback", UidField).Text);
        Assert.True(back.IsGroup);
        Assert.Equal("pst-0011", back.Uid);
        Assert.Equal("Team", back.Name);
        var copied = back.DecodedProperties.Where(p => p.Is("X-ADDRESSBOOKSERVER-MEMBER")).ToList();
        Assert.Equal(new[] { "mailto:ann@example.com", "mailto:bob@example.com" }, copied.Select(p => p.Value));
        Assert.Equal("Ann Example", copied[0].Line.Parameter("X-CN"));
        Assert.Equal("Our team", back.DecodedProperties.Single(p => p.Is("NOTE")).Value);
        Assert.Equal("Work", back.DecodedProperties.Single(p => p.Is("CATEGORIES")).Value);
    }

    [Fact]
    public void A_member_by_reference_is_a_loss_note()
    {
        var draft = EwsDistributionListMapping.ToEws(VCard.Parse(Version4Group), Array.Empty<XElement>());
        Assert.Empty(ValidateCreate(draft.Item));
        Assert.Single(draft.Item.Element(T + "Members")!.Elements());
        Assert.Equal("Cy", draft.Item.Descendants(T + "Name").Single().Value);
        Assert.Equal(new[] { "MEMBER urn:uuid:03a0e51f-d1aa-4385-8a53-e29025acd8af: a member that refers to another card has no address Exchange can list; not copied." }, draft.Losses);
    }

    [Fact]
    public void A_list_with_a_nested_list_names_the_member_it_cannot_write()
    {
        var list = new XElement(T + "DistributionList", new XElement(T + "DisplayName", "All"),
            new XElement(T + "Members",
                new XElement(T + "Member", new XElement(T + "Mailbox", new XElement(T + "Name", "Dee"), new XElement(T + "EmailAddress", "dee@example.com"), new XElement(T + "RoutingType", "SMTP"))),
                new XElement(T + "Member", new XElement(T + "Mailbox", new XElement(T + "Name", "Sub list"), new XElement(T + "MailboxType", "PrivateDL")))));
        var back = EwsDistributionListMapping.FromEws(list, "dl-1");
        var card = VCard.Parse(back.Text);
        Assert.True(card.IsGroup);
        Assert.Equal("dl-1", card.Uid);
        Assert.Single(card.DecodedProperties, p => p.Is("X-ADDRESSBOOKSERVER-MEMBER"));
        Assert.Single(back.Losses);
        Assert.StartsWith("Member Sub list:", back.Losses[0], StringComparison.Ordinal);
    }
}
