using System;
using System.Linq;
using System.Security;

namespace Omm.Engine.Connectors.Ews.Discovery
{
    /// <summary>
    /// The "plain old XML" Autodiscover protocol (Exchange 2007 SP1 and later): the request POSTed to
    /// /autodiscover/autodiscover.xml, and the reading of its answer.
    /// </summary>
    public static class PoxAutodiscover
    {
        public const string RequestNamespace = "http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006";
        public const string ResponseSchema = "http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a";

        public static string Request(string emailAddress) =>
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
            + $"<Autodiscover xmlns=\"{RequestNamespace}\">\n"
            + " <Request>\n"
            + $"  <EMailAddress>{SecurityElement.Escape(emailAddress)}</EMailAddress>\n"
            + $"  <AcceptableResponseSchema>{ResponseSchema}</AcceptableResponseSchema>\n"
            + " </Request>\n"
            + "</Autodiscover>\n";

        /// <summary>
        /// Reads Response/Error, or Response/Account: Action redirectAddr or redirectUrl, else the EwsUrl (or ASUrl) of
        /// the EXPR protocol (outside the network), else of the EXCH one. Protocols nested in WEB are not read.
        /// </summary>
        public static AutodiscoverAnswer Read(string text)
        {
            var document = AutodiscoverXml.TryParse(text);
            var root = document?.Root;
            if (root == null || root.Name.LocalName != "Autodiscover")
                return AutodiscoverAnswer.Failed("the answer is not Autodiscover XML: " + AutodiscoverXml.Excerpt(text));

            var response = root.Child("Response");
            var error = response.Child("Error") ?? response.Child("Account").Child("Error");
            if (error != null)
            {
                var code = error.ChildText("ErrorCode") ?? "(no code)";
                var message = error.ChildText("Message") ?? string.Empty;
                return AutodiscoverAnswer.Failed($"Autodiscover error {code} {message}".TrimEnd());
            }

            var account = response.Child("Account");
            if (account == null)
                return AutodiscoverAnswer.Failed("the Autodiscover answer has no Account element: " + AutodiscoverXml.Excerpt(text));

            var action = account.ChildText("Action");
            if (string.Equals(action, "redirectAddr", StringComparison.OrdinalIgnoreCase))
            {
                var address = account.ChildText("RedirectAddr");
                return address == null ? AutodiscoverAnswer.Failed("Action redirectAddr without a RedirectAddr") : AutodiscoverAnswer.RedirectToAddress(address);
            }

            if (string.Equals(action, "redirectUrl", StringComparison.OrdinalIgnoreCase))
            {
                var url = account.ChildText("RedirectUrl");
                return url == null ? AutodiscoverAnswer.Failed("Action redirectUrl without a RedirectUrl") : AutodiscoverAnswer.RedirectToUrl(url);
            }

            foreach (var type in new[] { "EXPR", "EXCH" })
            {
                var protocol = account.Elements()
                    .Where(e => e.Name.LocalName == "Protocol")
                    .FirstOrDefault(p => string.Equals(p.ChildText("Type"), type, StringComparison.OrdinalIgnoreCase));
                var url = protocol.ChildText("EwsUrl") ?? protocol.ChildText("ASUrl");
                if (url == null)
                    continue;
                return Uri.TryCreate(url, UriKind.Absolute, out var ewsUrl)
                    ? AutodiscoverAnswer.Found(ewsUrl, type)
                    : AutodiscoverAnswer.Failed($"the {type} EWS URL '{url}' is not a URL");
            }

            return AutodiscoverAnswer.Failed($"the answer (Action {action ?? "none"}) has no EXPR or EXCH protocol with an EwsUrl");
        }
    }
}
