using System.Net;
using System.Xml.Linq;
using Omm.TestServers.Ews;
using static Omm.Engine.Tests.Ews.EwsSoapClient;

namespace Omm.Engine.Tests.Ews;

/// <summary>The EWS test server behaves as Exchange 2016/2019 does, per the recordings and Microsoft's docs.</summary>
public sealed class EwsTestServerTests
{
    [Fact]
    public async Task Creates_and_gets_a_MIME_message_byte_for_byte()
    {
        await using var fixture = await EwsServerFixture.StartAsync();
        using var client = fixture.Client();
        var mime = EwsSamples.Message(1);
        var created = await client.CallAsync(EwsSamples.CreateItem(EwsSamples.Distinguished("inbox"), mime, EwsSamples.Flags(1)));
        Assert.Equal("NoError", Code(created[0]));
        var id = (string)created[0].Descendants(T + "ItemId").Single().Attribute("Id")!;

        var got = await client.CallAsync(EwsSamples.GetItem(id));
        var message = got[0].Element(M + "Items")!.Element(T + "Message")!;
        Assert.Equal("MimeContent", message.Elements().First().Name.LocalName);
        Assert.Equal(mime, Convert.FromBase64String(message.Element(T + "MimeContent")!.Value));
        Assert.Equal("Report 1", message.Element(T + "Subject")!.Value);
        Assert.Equal("false", message.Element(T + "IsDraft")!.Value);
        Assert.Equal(mime.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), message.Element(T + "Size")!.Value);
        Assert.Equal(mime, fixture.Server.Items(EwsServerFixture.Alice, "Inbox").Single().MimeContent);
    }
}
