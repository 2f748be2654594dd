using System.Xml.Linq;
using Omm.Engine.Connectors.Ews.Discovery;

namespace Omm.Engine.Tests.Ews;

/// <summary>Every recorded Autodiscover document in the shared fixtures, read by the POX and SOAP readers.</summary>
public sealed class AutodiscoverResponseParsingTests
{
    [Fact]
    public void Every_recorded_autodiscover_file_is_covered_here()
    {
        var covered = new[]
        {
            "exchangelib-pox-redirectAddr.xml", "exchangelib-pox-redirectUrl.xml", "exchangelib-pox-settings-EXCH-and-EXPR.xml",
            "exchangelib-soap-GetUserSettings-InvalidSetting.xml", "exo2020-pox-autodiscover-request.xml", "exo2020-pox-autodiscover-response.xml",
        };
        Assert.Equal(covered.Order(), DiscoveryServers.RecordedFiles().Order());
    }

    [Fact]
    public void Exchange_online_answer_gives_the_expr_ews_url()
    {
        var answer = PoxAutodiscover.Read(DiscoveryServers.Recorded("exo2020-pox-autodiscover-response.xml"));

        Assert.Equal(AutodiscoverAnswerKind.EwsUrl, answer.Kind);
        Assert.Equal("https://outlook.office365.com/EWS/Exchange.asmx", answer.EwsUrl!.AbsoluteUri);
        Assert.Equal("EXPR", answer.Setting);
    }

    [Fact]
    public void Expr_is_preferred_to_exch()
    {
        var answer = PoxAutodiscover.Read(DiscoveryServers.Recorded("exchangelib-pox-settings-EXCH-and-EXPR.xml"));

        Assert.Equal("https://expr.example.com/EWS/Exchange.asmx", answer.EwsUrl!.AbsoluteUri);
    }

    [Fact]
    public void Redirect_address_and_url_are_read()
    {
        var address = PoxAutodiscover.Read(DiscoveryServers.Recorded("exchangelib-pox-redirectAddr.xml"));
        var url = PoxAutodiscover.Read(DiscoveryServers.Recorded("exchangelib-pox-redirectUrl.xml"));

        Assert.Equal((AutodiscoverAnswerKind.RedirectAddress, "foo@example.com"), (address.Kind, address.Redirect));
        Assert.Equal((AutodiscoverAnswerKind.RedirectUrl, "https://example.com/foo.asmx"), (url.Kind, url.Redirect));
    }

    [Fact]
    public void Soap_error_is_read_with_its_code_and_message()
    {
        var answer = SoapAutodiscover.Read(DiscoveryServers.Recorded("exchangelib-soap-GetUserSettings-InvalidSetting.xml"));

        Assert.Equal(AutodiscoverAnswerKind.Error, answer.Kind);
        Assert.Equal("Autodiscover error InvalidSetting: An error message", answer.Error);
    }

    [Fact]
    public void Pox_error_600_is_read()
    {
        // The shape of Microsoft's documented POX error answer (no recording has one).
        const string error = """
            <?xml version="1.0" encoding="utf-8"?>
            <Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006">
              <Response>
                <Error Time="16:42:44.4510725" Id="2814234134">
                  <ErrorCode>600</ErrorCode>
                  <Message>Invalid Request</Message>
                  <DebugData />
                </Error>
              </Response>
            </Autodiscover>
            """;

        Assert.Equal("Autodiscover error 600 Invalid Request", PoxAutodiscover.Read(error).Error);
    }

    [Fact]
    public void Html_and_broken_answers_are_errors_that_quote_them()
    {
        Assert.Equal("the answer is not Autodiscover XML: <html><body>Welcome to nginx!</body></html>", PoxAutodiscover.Read("<html><body>Welcome to nginx!</body></html>").Error);
        Assert.StartsWith("the answer is not a SOAP envelope", SoapAutodiscover.Read("not xml at all").Error);
        Assert.Equal(AutodiscoverAnswerKind.Error, PoxAutodiscover.Read("<!DOCTYPE x [<!ENTITY a \"b\">]><Autodiscover>&a;</Autodiscover>").Kind);
    }

    [Fact]
    public void Pox_request_has_the_shape_of_the_recorded_one()
    {
        var recorded = XDocument.Parse(DiscoveryServers.Recorded("exo2020-pox-autodiscover-request.xml"));
        var ours = XDocument.Parse(PoxAutodiscover.Request("Garethp@garethp2.onmicrosoft.com"));

        Assert.True(XNode.DeepEquals(Normalized(recorded), Normalized(ours)));
    }

    private static XElement Normalized(XDocument document)
    {
        var root = new XElement(document.Root!);
        foreach (var text in root.DescendantNodes().OfType<XText>().Where(t => string.IsNullOrWhiteSpace(t.Value)).ToList())
            text.Remove();
        return root;
    }
}
