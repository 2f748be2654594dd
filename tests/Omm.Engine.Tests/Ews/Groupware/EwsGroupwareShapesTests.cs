using Omm.Engine.Connectors.Ews.Groupware;
using static Omm.Engine.Tests.Ews.Groupware.EwsGroupwareTesting;

namespace Omm.Engine.Tests.Ews.Groupware;

public class EwsGroupwareShapesTests
{
    public static TheoryData<string> Shapes() => new() { "Contact", "DistributionList", "CalendarItem", "Occurrence", "Task" };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Each_shape_is_a_valid_get_item_request_with_the_callers_uid_field(string shape)
    {
        var fields = shape switch
        {
            "Contact" => EwsGroupwareShapes.Contact,
            "DistributionList" => EwsGroupwareShapes.DistributionList,
            "CalendarItem" => EwsGroupwareShapes.CalendarItem,
            "Occurrence" => EwsGroupwareShapes.Occurrence,
            _ => EwsGroupwareShapes.Task,
        };
        Assert.Empty(ValidateGetItem(EwsGroupwareShapes.AdditionalProperties(fields, UidField)));
        Assert.Equal(fields.Count, fields.Select(f => f.ToString()).Distinct().Count());
    }

    /// <summary>Every field the contact mapping writes is one the contact shape reads back.</summary>
    [Fact]
    public void The_contact_shape_asks_for_every_field_the_mapping_writes()
    {
        var card = Omm.Engine.Contacts.VCard.ReadAll(File.ReadAllText(Fixture("vcf", "outlook-2007.vcf")))[0];
        var written = EwsContactMapping.ToEws(card, Array.Empty<System.Xml.Linq.XElement>()).Item.Elements().Select(e => e.Name.LocalName).Where(n => n != "ExtendedProperty").ToList();
        var asked = EwsGroupwareShapes.Contact.Select(f => (string?)f.Attribute("FieldURI")).Where(f => f != null).Select(f => f!.Split(':')[1]).ToHashSet();
        Assert.All(written, name => Assert.Contains(name, asked));
    }
}
