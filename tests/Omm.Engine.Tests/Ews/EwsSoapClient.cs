using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;

namespace Omm.Engine.Tests.Ews;

/// <summary>Raw SOAP over HttpClient for the EWS test server's own tests: no Omm code in between.</summary>
internal sealed class EwsSoapClient : IDisposable
{
    public static readonly XNamespace S = "http://schemas.xmlsoap.org/soap/envelope/";
    public static readonly XNamespace M = "http://schemas.microsoft.com/exchange/services/2006/messages";
    public static readonly XNamespace T = "http://schemas.microsoft.com/exchange/services/2006/types";
    public static readonly XNamespace E = "http://schemas.microsoft.com/exchange/services/2006/errors";

    private readonly HttpClient http;
    private readonly Uri url;

    public EwsSoapClient(Uri url, string user, string password)
    {
        this.url = url;
        http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
    }

    /// <summary>Wraps a body in an envelope with soap:/t:/m: prefixes, Exchange2013_SP1 and optional impersonation.</summary>
    public static string Envelope(string body, string? impersonate = null, string version = "Exchange2013_SP1") =>
        $"""<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types" xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"><soap:Header><t:RequestServerVersion Version="{version}"/>{(impersonate == null ? "" : $"<t:ExchangeImpersonation><t:ConnectingSID><t:SmtpAddress>{impersonate}</t:SmtpAddress></t:ConnectingSID></t:ExchangeImpersonation>")}</soap:Header><soap:Body>{body}</soap:Body></soap:Envelope>""";

    public async Task<(HttpStatusCode Status, XDocument? Document)> PostAsync(string envelope)
    {
        using var content = new StringContent(envelope, Encoding.UTF8, "text/xml");
        return await SendAsync(content);
    }

    public async Task<(HttpStatusCode Status, XDocument? Document)> SendAsync(HttpContent content)
    {
        using var response = await http.PostAsync(url, content);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : XDocument.Parse(text));
    }

    /// <summary>Posts and expects HTTP 200: the operation's response messages.</summary>
    public async Task<List<XElement>> CallAsync(string body, string? impersonate = null)
    {
        var (status, document) = await PostAsync(Envelope(body, impersonate));
        Assert.True(status == HttpStatusCode.OK, $"HTTP {(int)status}: {document}");
        return Messages(document!);
    }

    public static List<XElement> Messages(XDocument document) =>
        document.Root!.Element(S + "Body")!.Elements().Single().Element(M + "ResponseMessages")!.Elements().ToList();

    public static string Code(XElement message) => message.Element(M + "ResponseCode")!.Value;

    public void Dispose() => http.Dispose();
}
