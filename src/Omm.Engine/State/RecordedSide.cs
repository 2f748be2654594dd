using System;
using System.Net;
using Omm.Engine.Endpoints;

namespace Omm.Engine.State
{
    /// <summary>How a migration reaches one of its sides, as recorded: everything but the password.</summary>
    public sealed class RecordedSide
    {
        public RecordedSide(ServerType type, string server, string account, ConnectionSecurity security, string? davUrl = null, EndpointOptions? options = null)
        {
            Type = type;
            Server = server;
            Account = account;
            Security = security;
            DavUrl = davUrl;
            Options = options ?? EndpointOptions.None;
        }

        public ServerType Type { get; }

        /// <summary>host:port; the URL of a DAV-only or Exchange account; the path of a file.</summary>
        public string Server { get; }

        /// <summary>The login.</summary>
        public string Account { get; }

        public ConnectionSecurity Security { get; }

        /// <summary>The CalDAV/CardDAV URL, or null.</summary>
        public string? DavUrl { get; }

        public EndpointOptions Options { get; }

        /// <summary>A file source logs in to nothing.</summary>
        public bool NeedsCredential => Type != ServerType.File;

        /// <summary>The side as recorded of an endpoint.</summary>
        public static RecordedSide Of(AccountEndpoint endpoint) =>
            new RecordedSide(endpoint.Type, endpoint.Server, endpoint.Account, endpoint.Security, endpoint.DavUrl?.AbsoluteUri, endpoint.Options);

        /// <summary>The endpoint to reach the side again, logging in with <paramref name="credential"/> (null only for a file).</summary>
        public AccountEndpoint Endpoint(EndpointRole role, NetworkCredential? credential, bool skipCertificateCheck)
        {
            var davUrl = DavUrl ?? (Type == ServerType.Dav ? Server : null);
            var endpoint = Type == ServerType.File
                ? AccountEndpoint.ForFile(Server)
                : Type == ServerType.Exchange
                ? AccountEndpoint.ForExchange(role, new Uri(Server), credential!, skipCertificateCheck, Security)
                : new AccountEndpoint(role, Type, Type == ServerType.Dav ? null : ServerAddress.Parse(Server), Security, credential!, skipCertificateCheck,
                    davUrl == null ? null : AccountEndpoint.ParseDavUrl(davUrl));
            endpoint.Options = Options;
            return endpoint;
        }
    }
}
