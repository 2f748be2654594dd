using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using DnsClient;
using DnsClient.Protocol;

namespace Omm.Engine.Connectors.Ews.Discovery
{
    /// <summary>
    /// <see cref="IDnsLookup"/> over the DnsClient package: the system's name servers, or one given name server
    /// (an IP address and port, e.g. a test's dnsmasq). No cache: discovery asks each question once.
    /// </summary>
    public sealed class DnsClientLookup : IDnsLookup
    {
        private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(5);

        private readonly LookupClient client;

        /// <summary>Asks the name servers the system is configured with.</summary>
        public DnsClientLookup()
            : this(new LookupClientOptions())
        {
        }

        /// <summary>Asks only this name server.</summary>
        public DnsClientLookup(IPEndPoint nameServer)
            : this(new LookupClientOptions(new NameServer(nameServer ?? throw new ArgumentNullException(nameof(nameServer)))))
        {
        }

        private DnsClientLookup(LookupClientOptions options)
        {
            options.UseCache = false;
            options.Timeout = QueryTimeout;
            options.Retries = 1;
            options.ThrowDnsErrors = false;
            options.UseTcpFallback = true;
            client = new LookupClient(options);
        }

        public async Task<IReadOnlyList<MailExchangeRecord>> LookupMxAsync(string domain, CancellationToken cancellationToken)
        {
            var response = await QueryAsync(domain, QueryType.MX, cancellationToken).ConfigureAwait(false);
            return response.Answers.MxRecords()
                .Select(r => new MailExchangeRecord(HostName(r.Exchange), r.Preference))
                .OrderBy(r => r.Preference)
                .ToList();
        }

        public async Task<IReadOnlyList<ServiceRecord>> LookupSrvAsync(string name, CancellationToken cancellationToken)
        {
            var response = await QueryAsync(name, QueryType.SRV, cancellationToken).ConfigureAwait(false);
            return response.Answers.SrvRecords()
                .Select(r => new ServiceRecord(HostName(r.Target), r.Port, r.Priority, r.Weight))
                .ToList();
        }

        public async Task<string?> LookupCnameAsync(string name, CancellationToken cancellationToken)
        {
            var response = await QueryAsync(name, QueryType.CNAME, cancellationToken).ConfigureAwait(false);
            var record = response.Answers.CnameRecords().FirstOrDefault();
            return record == null ? null : HostName(record.CanonicalName);
        }

        public async Task<IReadOnlyList<IPAddress>> LookupAddressesAsync(string name, CancellationToken cancellationToken)
        {
            var response = await QueryAsync(name, QueryType.A, cancellationToken).ConfigureAwait(false);
            return response.Answers.ARecords().Select(r => r.Address).ToList();
        }

        private async Task<IDnsQueryResponse> QueryAsync(string name, QueryType type, CancellationToken cancellationToken)
        {
            IDnsQueryResponse response;
            try
            {
                response = await client.QueryAsync(name, type, QueryClass.IN, cancellationToken).ConfigureAwait(false);
            }
            catch (DnsResponseException e)
            {
                throw new DnsLookupException($"The DNS lookup of {type} {name} failed: {e.Message}", e);
            }

            if (response.HasError && response.Header.ResponseCode != DnsHeaderResponseCode.NotExistentDomain)
                throw new DnsLookupException($"The DNS lookup of {type} {name} failed: {response.ErrorMessage} (from {response.NameServer}).");
            return response;
        }

        private static string HostName(DnsString name) => name.Value.TrimEnd('.');
    }
}
