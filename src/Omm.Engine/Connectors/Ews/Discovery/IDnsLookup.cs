using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;

namespace Omm.Engine.Connectors.Ews.Discovery
{
    /// <summary>
    /// The DNS questions discovery asks. A name that does not exist, or has no record of the type, gives an empty
    /// answer; a name server that cannot be asked, or that fails (SERVFAIL, REFUSED), throws <see cref="DnsLookupException"/>.
    /// Host names come back without the trailing dot.
    /// </summary>
    public interface IDnsLookup
    {
        Task<IReadOnlyList<MailExchangeRecord>> LookupMxAsync(string domain, CancellationToken cancellationToken);

        Task<IReadOnlyList<ServiceRecord>> LookupSrvAsync(string name, CancellationToken cancellationToken);

        /// <summary>The target of the name's CNAME record, or null when it has none.</summary>
        Task<string?> LookupCnameAsync(string name, CancellationToken cancellationToken);

        /// <summary>The name's IPv4 addresses (A records).</summary>
        Task<IReadOnlyList<IPAddress>> LookupAddressesAsync(string name, CancellationToken cancellationToken);
    }
}
