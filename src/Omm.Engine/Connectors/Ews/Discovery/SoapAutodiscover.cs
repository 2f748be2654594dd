using System;
using System.Linq;
using System.Security;

namespace Omm.Engine.Connectors.Ews.Discovery
{
    /// <summary>
    /// The SOAP Autodiscover protocol (Exchange 2010 and later): GetUserSettings POSTed to /autodiscover/autodiscover.svc,
    /// asking ExternalEwsUrl and InternalEwsUrl, and the reading of its answer.
    /// </summary>
    public static class SoapAutodiscover
    {
        public const string Namespace = "http://schemas.microsoft.com/exchange/2010/Autodiscover";
        public const string GetUserSettingsAction = Namespace + "/Autodiscover/GetUserSettings";

        public static string Request(string emailAddress, Uri url) =>
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
            + $"<soap:Envelope xmlns:a=\"{Namespace}\" xmlns:wsa=\"http://www.w3.org/2005/08/addressing\" xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">\n"
            + " <soap:Header>\n"
            + "  <a:RequestedServerVersion>Exchange2010</a:RequestedServerVersion>\n"
            + $"  <wsa:Action>{GetUserSettingsAction}</wsa:Action>\n"
            + $"  <wsa:To>{SecurityElement.Escape(url.AbsoluteUri)}</wsa:To>\n"
            + " </soap:Header>\n"
            + " <soap:Body>\n"
            + "  <a:GetUserSettingsRequestMessage>\n"
            + "   <a:Request>\n"
            + $"    <a:Users><a:User><a:Mailbox>{SecurityElement.Escape(emailAddress)}</a:Mailbox></a:User></a:Users>\n"
            + "    <a:RequestedSettings><a:Setting>ExternalEwsUrl</a:Setting><a:Setting>InternalEwsUrl</a:Setting></a:RequestedSettings>\n"
            + "   </a:Request>\n"
            + "  </a:GetUserSettingsRequestMessage>\n"
            + " </soap:Body>\n"
            + "</soap:Envelope>\n";

        /// <summary>
        /// Reads a SOAP fault, the Response's ErrorCode, then the first UserResponse: RedirectAddress or RedirectUrl
        /// (with RedirectTarget), else the ExternalEwsUrl setting, else InternalEwsUrl.
        /// </summary>
        public static AutodiscoverAnswer Read(string text)
        {
            var envelope = AutodiscoverXml.TryParse(text)?.Root;
            if (envelope == null || envelope.Name.LocalName != "Envelope")
                return AutodiscoverAnswer.Failed("the answer is not a SOAP envelope: " + AutodiscoverXml.Excerpt(text));

            var body = envelope.Child("Body");
            var fault = body.Child("Fault");
            if (fault != null)
                return AutodiscoverAnswer.Failed("SOAP fault: " + (fault.ChildText("faultstring") ?? fault.ChildText("faultcode") ?? AutodiscoverXml.Excerpt(fault.ToString())));

            var response = body.Child("GetUserSettingsResponseMessage").Child("Response");
            if (response == null)
                return AutodiscoverAnswer.Failed("the SOAP answer has no GetUserSettingsResponseMessage: " + AutodiscoverXml.Excerpt(text));
            var failure = Error(response);
            if (failure != null)
                return AutodiscoverAnswer.Failed(failure);

            var user = response.Child("UserResponses").Child("UserResponse");
            if (user == null)
                return AutodiscoverAnswer.Failed("the SOAP answer has no UserResponse");
            var code = user.ChildText("ErrorCode");
            var target = user.ChildText("RedirectTarget");
            if (string.Equals(code, "RedirectAddress", StringComparison.OrdinalIgnoreCase))
                return target == null ? AutodiscoverAnswer.Failed("RedirectAddress without a RedirectTarget") : AutodiscoverAnswer.RedirectToAddress(target);
            if (string.Equals(code, "RedirectUrl", StringComparison.OrdinalIgnoreCase))
                return target == null ? AutodiscoverAnswer.Failed("RedirectUrl without a RedirectTarget") : AutodiscoverAnswer.RedirectToUrl(target);

            var settings = user.Child("UserSettings")?.Elements().Where(e => e.Name.LocalName == "UserSetting").ToList();
            foreach (var name in new[] { "ExternalEwsUrl", "InternalEwsUrl" })
            {
                var value = settings?.FirstOrDefault(s => s.ChildText("Name") == name).ChildText("Value");
                if (value == null)
                    continue;
                return Uri.TryCreate(value, UriKind.Absolute, out var ewsUrl)
                    ? AutodiscoverAnswer.Found(ewsUrl, name)
                    : AutodiscoverAnswer.Failed($"{name} '{value}' is not a URL");
            }

            return AutodiscoverAnswer.Failed(Error(user) ?? "the answer has neither ExternalEwsUrl nor InternalEwsUrl");
        }

        private static string? Error(System.Xml.Linq.XElement element)
        {
            var code = element.ChildText("ErrorCode");
            if (code == null || string.Equals(code, "NoError", StringComparison.OrdinalIgnoreCase))
                return null;
            var message = element.ChildText("ErrorMessage");
            return message == null ? "Autodiscover error " + code : $"Autodiscover error {code}: {message}";
        }
    }
}
