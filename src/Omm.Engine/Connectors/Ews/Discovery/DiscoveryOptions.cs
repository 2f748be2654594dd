using System;
using System.Net;
using System.Net.Http;

namespace Omm.Engine.Connectors.Ews.Discovery
{
    /// <summary>How discovery reaches DNS and HTTP, how long it waits, and where it tells what it does.</summary>
    public sealed class DiscoveryOptions
    {
        private IDnsLookup? dns;

        /// <summary>The DNS lookups; by default the system's name servers through <see cref="DnsClientLookup"/>.</summary>
        public IDnsLookup Dns
        {
            get => dns ??= new DnsClientLookup();
            set => dns = value;
        }

        /// <summary>
        /// Builds the HTTP handler for one discovery: with the credential it logs in with (HTTPS requests only), with
        /// null for the anonymous requests. It must not follow redirects itself (AllowAutoRedirect = false): discovery
        /// follows them, to HTTPS only. By default an <see cref="HttpClientHandler"/> that checks certificates as the system does.
        /// </summary>
        public Func<NetworkCredential?, HttpMessageHandler> HttpHandlerFactory { get; set; } = DefaultHandler;

        /// <summary>The longest one HTTP request may take, answer included.</summary>
        public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(20);

        /// <summary>Told each step, for -Verbose.</summary>
        public Action<string>? Log { get; set; }

        public static HttpMessageHandler DefaultHandler(NetworkCredential? credential)
        {
            // With a credential the handler answers an NTLM or Negotiate challenge itself (Exchange's Autodiscover offers them).
            if (credential != null)
                ManagedNtlm.PrepareForLogin();
            return new HttpClientHandler
            {
                AllowAutoRedirect = false,
                Credentials = credential,
                PreAuthenticate = false,
                UseCookies = false,
            };
        }
    }
}
