using System.Collections.Generic;
using System.Linq;

namespace Omm.Engine.Connectors.Ews.Discovery
{
    /// <summary>An SRV record: where a service of a domain runs.</summary>
    public sealed class ServiceRecord
    {
        public ServiceRecord(string target, int port, int priority, int weight)
        {
            Target = target;
            Port = port;
            Priority = priority;
            Weight = weight;
        }

        public string Target { get; }

        public int Port { get; }

        public int Priority { get; }

        public int Weight { get; }

        /// <summary>
        /// The record a client uses first: lowest priority, then highest weight. A target of "." says the service is
        /// not offered (RFC 2782), so such records are passed over.
        /// </summary>
        public static ServiceRecord? Preferred(IEnumerable<ServiceRecord> records) =>
            records
                .Where(r => r.Target.Length > 0 && r.Target != ".")
                .OrderBy(r => r.Priority)
                .ThenByDescending(r => r.Weight)
                .FirstOrDefault();

        public override string ToString() => $"{Priority} {Weight} {Port} {Target}";
    }
}
