using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;

namespace Omm.Engine.Connectors.Ews.Discovery
{
    /// <summary>
    /// Tells which OVHcloud product (Hosted Exchange, Email Pro, MX Plan) holds a domain's mailboxes, for a destination
    /// "hosted by OVH" given without a server. Evidence, in this order (see <see cref="OvhHosts"/> for the sources):
    /// <list type="number">
    /// <item>the SRV record _autodiscover._tcp.DOMAIN and the CNAME autodiscover.DOMAIN: exN.mail.ovh.net is Exchange,
    /// proN.mail.ovh.net Email Pro; these product-specific names win over OVH's zone defaults below;</item>
    /// <item>mailconfig.ovh.net or ssl0.ovh.net there, or _imaps._tcp.DOMAIN → ssl0.ovh.net: MX Plan (OVH's default zone);</item>
    /// <item>MX records mx*.mail.ovh.net alone are shared by all three: with a credential, Autodiscover is asked, and its
    /// EWS URL's host (exN or proN) tells the product; without one, detection fails.</item>
    /// </list>
    /// Two different product-specific names (e.g. ex2 by SRV, pro1 by CNAME) are an error: guessing would send a
    /// migration to the wrong server.
    /// </summary>
    public sealed class OvhProducts
    {
        private readonly DiscoveryOptions options;

        public OvhProducts(DiscoveryOptions? options = null)
        {
            this.options = options ?? new DiscoveryOptions();
        }

        /// <param name="emailOrDomain">alice@example.com or example.com (Autodiscover needs the address).</param>
        /// <param name="credential">The mailbox's login, for Autodiscover when DNS alone does not tell; may be null.</param>
        /// <exception cref="OvhDetectionException">Nothing OVH found, or not enough to tell the product.</exception>
        public async Task<OvhProduct> DetectAsync(string emailOrDomain, NetworkCredential? credential, CancellationToken cancellationToken)
        {
            var (domain, address) = Split(emailOrDomain);
            var lookups = new List<string>();
            var clues = new List<Clue>();
            var dns = options.Dns;

            var mx = await LookupAsync(lookups, $"MX {domain}", () => dns.LookupMxAsync(domain, cancellationToken), r => r.Host).ConfigureAwait(false);
            var ovhMx = mx.Where(r => OvhHosts.IsMailExchanger(r.Host)).Select(r => r.Host).ToList();

            var autodiscoverSrv = "_autodiscover._tcp." + domain;
            foreach (var record in await LookupAsync(lookups, "SRV " + autodiscoverSrv, () => dns.LookupSrvAsync(autodiscoverSrv, cancellationToken), r => $"{r.Target}:{r.Port}").ConfigureAwait(false))
                AddClue(clues, autodiscoverSrv, record.Target);

            var autodiscoverName = "autodiscover." + domain;
            var alias = await LookupAsync<string>(lookups, "CNAME " + autodiscoverName, () => CnameAsync(dns, autodiscoverName, cancellationToken), t => t).ConfigureAwait(false);
            foreach (var target in alias)
                AddClue(clues, autodiscoverName, target);

            var imapsSrv = "_imaps._tcp." + domain;
            foreach (var record in await LookupAsync(lookups, "SRV " + imapsSrv, () => dns.LookupSrvAsync(imapsSrv, cancellationToken), r => $"{r.Target}:{r.Port}").ConfigureAwait(false))
                AddClue(clues, imapsSrv, record.Target);

            var mxWords = ovhMx.Count > 0
                ? "MX " + string.Join(", ", ovhMx)
                : mx.Count > 0 ? $"MX {string.Join(", ", mx.Select(r => r.Host))} (not OVH's)" : "no MX";

            var specific = clues.Where(c => c.Kind != OvhProductKind.MxPlan).ToList();
            var servers = specific.Select(c => c.ServerHost).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (servers.Count > 1)
                throw new OvhDetectionException(domain, "its records name different OVH servers: " + string.Join("; ", specific.Select(c => c.Words)) + ".", lookups);
            var decisive = specific.Count > 0 ? specific : clues;
            if (decisive.Count > 0)
            {
                var kind = decisive[0].Kind;
                var product = OvhProduct.Create(kind, domain, decisive[0].ServerHost, mxWords + " and " + string.Join(", ", decisive.Select(c => c.Words)));
                options.Log?.Invoke("OVH: " + product.Explanation);
                return product;
            }

            if (ovhMx.Count == 0)
                throw new OvhDetectionException(domain, "nothing in its DNS is OVH's.", lookups);
            if (credential == null || address == null)
            {
                throw new OvhDetectionException(
                    domain,
                    $"its MX ({string.Join(", ", ovhMx)}) is OVH's, but all OVH products share it, and no autodiscover record names the server; "
                    + (address == null ? "give the e-mail address and password so that Autodiscover can be asked." : "give the password so that Autodiscover can be asked."),
                    lookups);
            }

            return await AutodiscoverAsync(domain, address, credential, mxWords, lookups, cancellationToken).ConfigureAwait(false);
        }

        private async Task<OvhProduct> AutodiscoverAsync(string domain, string address, NetworkCredential credential, string mxWords, List<string> lookups, CancellationToken cancellationToken)
        {
            EwsLocation location;
            try
            {
                location = await new EwsAutodiscover(options).FindAsync(address, credential, cancellationToken).ConfigureAwait(false);
            }
            catch (AutodiscoverException e)
            {
                lookups.Add($"Autodiscover {address} → no EWS URL ({e.Attempts.Count} places tried, see the inner exception)");
                throw new OvhDetectionException(domain, "its MX is OVH's, no autodiscover record names the server, and Autodiscover found none.", lookups, e);
            }

            lookups.Add($"Autodiscover {address} → {location.EwsUrl}");
            var kind = OvhHosts.ProductOf(location.EwsUrl.Host);
            if (kind == null || kind == OvhProductKind.MxPlan)
                throw new OvhDetectionException(domain, $"Autodiscover answered with {location.EwsUrl}, which is not an OVH Exchange or Email Pro server.", lookups);

            var product = OvhProduct.Create(
                kind.Value,
                domain,
                location.EwsUrl.Host.ToLowerInvariant(),
                $"{mxWords} and Autodiscover for {address} → {location.EwsUrl.Host}",
                location.EwsUrl);
            options.Log?.Invoke("OVH: " + product.Explanation);
            return product;
        }

        private static async Task<IReadOnlyList<string>> CnameAsync(IDnsLookup dns, string name, CancellationToken cancellationToken) =>
            await dns.LookupCnameAsync(name, cancellationToken).ConfigureAwait(false) is string target ? new[] { target } : Array.Empty<string>();

        private static void AddClue(List<Clue> clues, string name, string target)
        {
            var kind = OvhHosts.ProductOf(target);
            if (kind != null)
                clues.Add(new Clue(kind.Value, OvhHosts.ServerHost(kind.Value, target), $"{name} → {target}"));
        }

        private async Task<IReadOnlyList<T>> LookupAsync<T>(List<string> lookups, string question, Func<Task<IReadOnlyList<T>>> lookup, Func<T, string> describe)
        {
            IReadOnlyList<T> answers;
            try
            {
                answers = await lookup().ConfigureAwait(false);
            }
            catch (DnsLookupException e)
            {
                lookups.Add($"{question} → failed: {e.Message}");
                options.Log?.Invoke($"OVH: {question} failed: {e.Message}");
                return Array.Empty<T>();
            }

            var words = answers.Count == 0 ? "none" : string.Join(", ", answers.Select(describe));
            lookups.Add($"{question} → {words}");
            options.Log?.Invoke($"OVH: {question} → {words}");
            return answers;
        }

        private static (string Domain, string? Address) Split(string emailOrDomain)
        {
            var text = (emailOrDomain ?? string.Empty).Trim();
            var at = text.LastIndexOf('@');
            var domain = (at >= 0 ? text.Substring(at + 1) : text).TrimEnd('.').ToLowerInvariant();
            if (domain.Length == 0 || domain.IndexOf('.') < 0 || (at == 0))
                throw new ArgumentException($"'{emailOrDomain}' is neither an e-mail address nor a domain.", nameof(emailOrDomain));
            return (domain, at > 0 ? text : null);
        }

        private sealed class Clue
        {
            public Clue(OvhProductKind kind, string serverHost, string words)
            {
                Kind = kind;
                ServerHost = serverHost;
                Words = words;
            }

            public OvhProductKind Kind { get; }

            public string ServerHost { get; }

            public string Words { get; }
        }
    }
}
