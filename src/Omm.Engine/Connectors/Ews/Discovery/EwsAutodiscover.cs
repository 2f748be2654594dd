using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;

namespace Omm.Engine.Connectors.Ews.Discovery
{
    /// <summary>
    /// Finds a mailbox's EWS URL by Exchange Autodiscover, in the order Microsoft documents for Exchange 2013-2019
    /// (Active Directory's SCP aside): POX at https://DOMAIN and https://autodiscover.DOMAIN, SOAP GetUserSettings at
    /// the same two hosts, the unauthenticated GET to http://autodiscover.DOMAIN that may redirect to HTTPS, then the
    /// DNS SRV record _autodiscover._tcp.DOMAIN. The login goes over HTTPS only; redirects are followed to HTTPS only,
    /// <see cref="MaxRedirects"/> at most in all; an address redirect (redirectAddr) starts again with the new address.
    /// </summary>
    public sealed class EwsAutodiscover
    {
        public const int MaxRedirects = 10;

        private const string Pox = "POX";
        private const string Soap = "SOAP";
        private const string HttpRedirect = "HTTP redirect";
        private const string DnsSrv = "DNS SRV";

        private readonly DiscoveryOptions options;

        public EwsAutodiscover(DiscoveryOptions? options = null)
        {
            this.options = options ?? new DiscoveryOptions();
        }

        /// <exception cref="AutodiscoverException">No place answered with an EWS URL, or redirects went round too often.</exception>
        public async Task<EwsLocation> FindAsync(string emailAddress, NetworkCredential credential, CancellationToken cancellationToken)
        {
            if (credential == null)
                throw new ArgumentNullException(nameof(credential));
            Domain(emailAddress);
            var run = new Run(emailAddress, options.Log);
            using (var http = new AutodiscoverHttp(options, credential))
            {
                var address = emailAddress;
                while (true)
                {
                    var outcome = await TryAddressAsync(http, run, address, cancellationToken).ConfigureAwait(false);
                    if (outcome.Location != null)
                        return outcome.Location;
                    if (outcome.NewAddress == null)
                        throw new AutodiscoverException(emailAddress, "no place answered with an EWS URL.", run.Attempts);
                    run.CountRedirect("redirectAddr to " + outcome.NewAddress);
                    address = outcome.NewAddress;
                }
            }
        }

        private async Task<Outcome> TryAddressAsync(AutodiscoverHttp http, Run run, string address, CancellationToken cancellationToken)
        {
            var domain = Domain(address);
            foreach (var host in new[] { domain, "autodiscover." + domain })
            {
                var outcome = await PoxAsync(http, run, new Uri($"https://{host}/autodiscover/autodiscover.xml"), address, cancellationToken).ConfigureAwait(false);
                if (outcome.IsDecided)
                    return outcome;
            }

            foreach (var host in new[] { domain, "autodiscover." + domain })
            {
                var outcome = await SoapAsync(http, run, new Uri($"https://{host}/autodiscover/autodiscover.svc"), address, cancellationToken).ConfigureAwait(false);
                if (outcome.IsDecided)
                    return outcome;
            }

            var redirected = await RedirectMethodAsync(http, run, address, domain, cancellationToken).ConfigureAwait(false);
            if (redirected.IsDecided)
                return redirected;

            return await ServiceRecordAsync(http, run, address, domain, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>An unauthenticated GET to http://autodiscover.DOMAIN; a 301/302 to HTTPS is where POX goes next.</summary>
        private static async Task<Outcome> RedirectMethodAsync(AutodiscoverHttp http, Run run, string address, string domain, CancellationToken cancellationToken)
        {
            var probe = new Uri($"http://autodiscover.{domain}/autodiscover/autodiscover.xml");
            var answer = await http.GetAnonymousAsync(probe, cancellationToken).ConfigureAwait(false);
            if (answer.Failure != null)
            {
                run.Add(HttpRedirect, probe, answer.Failure);
                return Outcome.None;
            }

            if ((answer.Status != 301 && answer.Status != 302) || answer.Location == null)
            {
                run.Add(HttpRedirect, probe, answer.StatusLine + ", no redirect");
                return Outcome.None;
            }

            var next = new Uri(probe, answer.Location);
            if (next.Scheme != Uri.UriSchemeHttps)
            {
                run.Add(HttpRedirect, probe, $"{answer.Status} to {next}, not followed: the login goes over HTTPS only");
                return Outcome.None;
            }

            run.Add(HttpRedirect, probe, $"{answer.Status} to {next}");
            run.CountRedirect($"{answer.Status} from {probe} to {next}");
            return await PoxAsync(http, run, next, address, cancellationToken).ConfigureAwait(false);
        }

        private async Task<Outcome> ServiceRecordAsync(AutodiscoverHttp http, Run run, string address, string domain, CancellationToken cancellationToken)
        {
            var name = "_autodiscover._tcp." + domain;
            ServiceRecord? record;
            try
            {
                record = ServiceRecord.Preferred(await options.Dns.LookupSrvAsync(name, cancellationToken).ConfigureAwait(false));
            }
            catch (DnsLookupException e)
            {
                run.Add(DnsSrv, name, e.Message);
                return Outcome.None;
            }

            if (record == null)
            {
                run.Add(DnsSrv, name, "no SRV record");
                return Outcome.None;
            }

            var port = record.Port == 443 || record.Port == 0 ? string.Empty : ":" + record.Port;
            var url = new Uri($"https://{record.Target}{port}/autodiscover/autodiscover.xml");
            run.Add(DnsSrv, name, $"points to {record.Target} port {record.Port}");
            return await PoxAsync(http, run, url, address, cancellationToken).ConfigureAwait(false);
        }

        private static Task<Outcome> PoxAsync(AutodiscoverHttp http, Run run, Uri url, string address, CancellationToken cancellationToken) =>
            AskAsync(http, run, Pox, url, address, cancellationToken);

        private static Task<Outcome> SoapAsync(AutodiscoverHttp http, Run run, Uri url, string address, CancellationToken cancellationToken) =>
            AskAsync(http, run, Soap, url, address, cancellationToken);

        /// <summary>POSTs a POX or SOAP request, following HTTP redirects and redirectUrl answers to HTTPS URLs.</summary>
        private static async Task<Outcome> AskAsync(AutodiscoverHttp http, Run run, string method, Uri url, string address, CancellationToken cancellationToken)
        {
            while (true)
            {
                var answer = method == Pox
                    ? await http.PostAsync(url, PoxAutodiscover.Request(address), null, cancellationToken).ConfigureAwait(false)
                    : await http.PostAsync(url, SoapAutodiscover.Request(address, url), SoapAutodiscover.GetUserSettingsAction, cancellationToken).ConfigureAwait(false);
                if (answer.Failure != null)
                {
                    run.Add(method, url, answer.Failure);
                    return Outcome.None;
                }

                if (answer.IsRedirect)
                {
                    var next = answer.Location == null ? null : new Uri(url, answer.Location);
                    if (!run.FollowTo(method, url, next, answer.StatusLine))
                        return Outcome.None;
                    url = next!;
                    continue;
                }

                if (answer.Status == 401)
                {
                    var offered = answer.Challenges.Length == 0 ? string.Empty : $" (it offers {answer.Challenges})";
                    run.Add(method, url, $"{answer.StatusLine}: the login was refused{offered}");
                    return Outcome.None;
                }

                if (answer.Status != 200)
                {
                    run.Add(method, url, answer.StatusLine);
                    return Outcome.None;
                }

                var read = method == Pox ? PoxAutodiscover.Read(answer.Body) : SoapAutodiscover.Read(answer.Body);
                switch (read.Kind)
                {
                    case AutodiscoverAnswerKind.EwsUrl:
                        if (read.EwsUrl!.Scheme != Uri.UriSchemeHttps)
                        {
                            run.Add(method, url, $"EWS URL {read.EwsUrl} ({read.Setting}) refused: the login goes over HTTPS only");
                            return Outcome.None;
                        }

                        run.Add(method, url, $"EWS URL {read.EwsUrl} ({read.Setting})");
                        return Outcome.Found(new EwsLocation(read.EwsUrl, address, $"{method} {url} ({read.Setting})"));
                    case AutodiscoverAnswerKind.RedirectAddress:
                        if (!IsAddress(read.Redirect!))
                        {
                            run.Add(method, url, $"redirect to the address '{read.Redirect}', which is not an e-mail address");
                            return Outcome.None;
                        }

                        run.Add(method, url, "redirect to the address " + read.Redirect);
                        return Outcome.Redirect(read.Redirect!);
                    case AutodiscoverAnswerKind.RedirectUrl:
                        Uri.TryCreate(read.Redirect, UriKind.Absolute, out var target);
                        if (!run.FollowTo(method, url, target, "redirectUrl"))
                            return Outcome.None;
                        url = target!;
                        continue;
                    default:
                        run.Add(method, url, read.Error!);
                        return Outcome.None;
                }
            }
        }

        private static bool IsAddress(string text)
        {
            var at = text.LastIndexOf('@');
            return at > 0 && at < text.Length - 1;
        }

        private static string Domain(string emailAddress)
        {
            if (emailAddress == null || !IsAddress(emailAddress.Trim()))
                throw new ArgumentException($"'{emailAddress}' is not an e-mail address.", nameof(emailAddress));
            var trimmed = emailAddress.Trim();
            return trimmed.Substring(trimmed.LastIndexOf('@') + 1).TrimEnd('.').ToLowerInvariant();
        }

        private sealed class Outcome
        {
            public static readonly Outcome None = new(null, null);

            private Outcome(EwsLocation? location, string? newAddress)
            {
                Location = location;
                NewAddress = newAddress;
            }

            public EwsLocation? Location { get; }

            public string? NewAddress { get; }

            public bool IsDecided => Location != null || NewAddress != null;

            public static Outcome Found(EwsLocation location) => new(location, null);

            public static Outcome Redirect(string address) => new(null, address);
        }

        /// <summary>What one discovery tried, and how many redirects it followed.</summary>
        private sealed class Run
        {
            private readonly string emailAddress;
            private readonly Action<string>? log;
            private readonly List<AutodiscoverAttempt> attempts = new();
            private int redirects;

            public Run(string emailAddress, Action<string>? log)
            {
                this.emailAddress = emailAddress;
                this.log = log;
            }

            public IReadOnlyList<AutodiscoverAttempt> Attempts => attempts;

            public void Add(string method, Uri url, string outcome) => Add(method, url.AbsoluteUri, outcome);

            public void Add(string method, string target, string outcome)
            {
                var attempt = new AutodiscoverAttempt(method, target, outcome);
                attempts.Add(attempt);
                log?.Invoke("Autodiscover: " + attempt);
            }

            /// <summary>Records a redirect from <paramref name="url"/>; true when it may be followed (HTTPS, within the limit).</summary>
            public bool FollowTo(string method, Uri url, Uri? next, string what)
            {
                if (next == null)
                {
                    Add(method, url, what + " without a usable target URL");
                    return false;
                }

                if (next.Scheme != Uri.UriSchemeHttps)
                {
                    Add(method, url, $"{what} to {next}, not followed: the login goes over HTTPS only");
                    return false;
                }

                Add(method, url, $"{what} to {next}");
                CountRedirect($"{what} from {url} to {next}");
                return true;
            }

            public void CountRedirect(string description)
            {
                if (++redirects > MaxRedirects)
                    throw new AutodiscoverException(emailAddress, $"more than {MaxRedirects} redirects, the last one {description}: the servers send requests round in a loop.", attempts);
            }
        }
    }
}
