using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Xml;
using System.Xml.Linq;
using static Omm.Engine.Connectors.Dav.DavNames;

namespace Omm.Engine.Connectors.Dav
{
    /// <summary>One DAV:response of a 207 Multi-Status answer, for one href.</summary>
    internal sealed class DavPropResponse
    {
        public DavPropResponse(string href, int? status, IReadOnlyDictionary<XName, XElement> properties, string? condition, string? description)
        {
            Href = href;
            Status = status;
            Properties = properties;
            Condition = condition;
            Description = description;
        }

        /// <summary>As the server wrote it.</summary>
        public string Href { get; }

        /// <summary>The response-level status (a 404 in a multiget); null when the answer is per property.</summary>
        public int? Status { get; }

        /// <summary>Only properties the server reported with a 2xx status.</summary>
        public IReadOnlyDictionary<XName, XElement> Properties { get; }

        public string? Condition { get; }

        public string? Description { get; }

        public bool Found => Status == null || (Status >= 200 && Status < 300);

        public string? Text(XName property)
        {
            if (!Properties.TryGetValue(property, out var element))
                return null;
            var text = element.Value.Trim();
            return text.Length == 0 ? null : text;
        }

        /// <summary>The first DAV:href inside a property such as current-user-principal.</summary>
        public string? HrefIn(XName property) => HrefsIn(property).FirstOrDefault();

        public IReadOnlyList<string> HrefsIn(XName property) =>
            Properties.TryGetValue(property, out var element)
                ? element.Elements(DavNames.Href).Select(h => h.Value.Trim()).Where(h => h.Length > 0).ToList()
                : (IReadOnlyList<string>)Array.Empty<string>();

        public bool HasResourceType(XName type) =>
            Properties.TryGetValue(ResourceType, out var element) && element.Element(type) != null;
    }

    /// <summary>Reads XML answers: 207 Multi-Status bodies and DAV:error bodies.</summary>
    internal static class DavMultistatus
    {
        /// <summary>Parses XML without DTDs or external entities; a malformed answer is a <see cref="FormatException"/>.</summary>
        public static XDocument Load(string body)
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null };
            try
            {
                using (var reader = XmlReader.Create(new StringReader(body), settings))
                    return XDocument.Load(reader);
            }
            catch (XmlException e)
            {
                throw new FormatException(e.Message, e);
            }
        }

        public static IReadOnlyList<DavPropResponse> Parse(string body)
        {
            var root = Load(body).Root;
            if (root == null || root.Name != Multistatus)
                throw new FormatException($"expected a DAV:multistatus element, found {root?.Name.ToString() ?? "nothing"}");

            var responses = new List<DavPropResponse>();
            foreach (var response in root.Elements(Response))
            {
                var properties = new Dictionary<XName, XElement>();
                foreach (var propstat in response.Elements(Propstat))
                {
                    var status = ParseStatus(propstat.Element(Status)?.Value);
                    if (status != null && (status < 200 || status >= 300))
                        continue;
                    foreach (var prop in propstat.Elements(Prop).Elements())
                        properties[prop.Name] = prop;
                }

                var responseStatus = ParseStatus(response.Element(Status)?.Value);
                var condition = ConditionIn(response.Element(Error));
                var description = response.Element(ResponseDescription)?.Value.Trim();
                foreach (var href in response.Elements(Href))
                    responses.Add(new DavPropResponse(href.Value.Trim(), responseStatus, properties, condition, description));
            }

            return responses;
        }

        /// <summary>The DAV:sync-token child of a multistatus (a sync-collection answer).</summary>
        public static string? SyncTokenOf(string body)
        {
            var token = Load(body).Root?.Element(SyncToken)?.Value.Trim();
            return string.IsNullOrEmpty(token) ? null : token;
        }

        /// <summary>The status code in "HTTP/1.1 404 Not Found".</summary>
        public static int? ParseStatus(string? statusLine)
        {
            if (statusLine == null)
                return null;
            var parts = statusLine.Trim().Split(' ');
            return parts.Length >= 2 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var code) ? code : (int?)null;
        }

        /// <summary>The precondition's element name in a DAV:error element ("no-uid-conflict").</summary>
        public static string? ConditionIn(XElement? error) => error?.Elements().FirstOrDefault()?.Name.LocalName;
    }
}
