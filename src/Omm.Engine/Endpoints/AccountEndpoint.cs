using System;
using System.Net;
using MailKit.Security;

namespace Omm.Engine.Endpoints
{
    /// <summary>
    /// Everything needed to log in to one side of a migration: a mail server, a CalDAV/CardDAV URL, or
    /// both (the same login for each); for a file source, its path. Holds the password only in memory.
    /// </summary>
    public sealed class AccountEndpoint
    {
        public AccountEndpoint(EndpointRole role, ServerType type, ServerAddress? address, ConnectionSecurity security, NetworkCredential credential,
            bool skipCertificateCheck, Uri? davUrl = null)
        {
            if (davUrl != null && !IsWebUrl(davUrl))
                throw new ArgumentException($"The {RoleNameOf(role)} DAV URL '{davUrl}' is not an http:// or https:// URL.", nameof(davUrl));
            if (type == ServerType.Dav && davUrl == null)
                throw new ArgumentException($"A DAV {RoleNameOf(role)} needs its URL.", nameof(davUrl));

            Role = role;
            Type = type;
            Address = address ?? (davUrl != null ? new ServerAddress(davUrl.Host, davUrl.Port) : throw new ArgumentNullException(nameof(address)));
            Security = security;
            Credential = credential ?? throw new ArgumentNullException(nameof(credential));
            SkipCertificateCheck = skipCertificateCheck;
            DavUrl = davUrl;
            if (string.IsNullOrEmpty(credential.UserName))
                throw new ArgumentException($"The {RoleName} login is empty.", nameof(credential));
        }

        /// <summary>An Exchange account reached through Exchange Web Services at <paramref name="ewsUrl"/> (http:// or https://).</summary>
        /// <param name="security">As the admin set it: None consents to a plain http:// URL to another machine; the URL's scheme decides TLS.</param>
        public static AccountEndpoint ForExchange(EndpointRole role, Uri ewsUrl, NetworkCredential credential, bool skipCertificateCheck,
            ConnectionSecurity security = ConnectionSecurity.Auto)
        {
            if (!IsWebUrl(ewsUrl))
                throw new ArgumentException($"The {RoleNameOf(role)} EWS URL '{ewsUrl}' is not an http:// or https:// URL.", nameof(ewsUrl));
            return new AccountEndpoint(role, ServerType.Exchange, new ServerAddress(ewsUrl.Host, ewsUrl.Port), security, credential, skipCertificateCheck)
            {
                EwsUrl = ewsUrl,
            };
        }

        /// <summary>
        /// The EWS URL of a host or URL as an admin gives it: a host (or host:port) means https://host/EWS/Exchange.asmx
        /// (http:// with <paramref name="security"/> None), a URL is taken as it is.
        /// </summary>
        /// <exception cref="FormatException">It is neither.</exception>
        public static Uri ParseEwsUrl(string text, ConnectionSecurity security)
        {
            var value = text.Trim();
            if (value.IndexOf("://", StringComparison.Ordinal) > 0)
            {
                if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || !IsWebUrl(url))
                    throw new FormatException($"'{text}' is not an EWS URL: give the server's host (mail.example.com) or its https:// URL, e.g. https://mail.example.com/EWS/Exchange.asmx.");
                return url.AbsolutePath == "/" ? new Uri(url, "/EWS/Exchange.asmx") : url;
            }

            var address = ServerAddress.Parse(value);
            var scheme = security == ConnectionSecurity.None ? "http" : "https";
            var host = address.Host.IndexOf(':') >= 0 ? "[" + address.Host + "]" : address.Host;
            return new Uri($"{scheme}://{host}{(address.Port is int port ? ":" + port : "")}/EWS/Exchange.asmx");
        }

        /// <summary>
        /// A side whose server is to be found when the migration is created (<see cref="EndpointDiscovery"/>): an Exchange
        /// account by Autodiscover, or an account hosted by OVH (<see cref="ServerType.Ovh"/>) from its domain.
        /// </summary>
        public static AccountEndpoint ToDiscover(EndpointRole role, ServerType type, NetworkCredential credential, bool skipCertificateCheck,
            ConnectionSecurity security = ConnectionSecurity.Auto)
        {
            if (type != ServerType.Exchange && type != ServerType.Ovh)
                throw new ArgumentException($"A {type} server is not found by Omm: give it.", nameof(type));
            var login = credential.UserName;
            var at = login.LastIndexOf('@');
            return new AccountEndpoint(role, type, new ServerAddress(at >= 0 ? login.Substring(at + 1) : login, null), security, credential, skipCertificateCheck);
        }

        /// <summary>A file (or folder of files) to import from: no server, no login.</summary>
        public static AccountEndpoint ForFile(string path) =>
            new AccountEndpoint(EndpointRole.Source, ServerType.File, new ServerAddress(path, null), ConnectionSecurity.None,
                new NetworkCredential(System.IO.Path.GetFileName(path.TrimEnd('/', '\\')) is { Length: > 0 } name ? name : path, string.Empty), false);

        public EndpointRole Role { get; }

        public ServerType Type { get; }

        /// <summary>The mail server; for a DAV-only account, the host of its URL; for a file, its path.</summary>
        public ServerAddress Address { get; }

        public ConnectionSecurity Security { get; }

        public NetworkCredential Credential { get; }

        public bool SkipCertificateCheck { get; }

        /// <summary>How long a server may move no bytes while Omm waits on it before the connection counts as broken.</summary>
        public TimeSpan StallTimeout { get; set; } = TimeSpan.FromMinutes(2);

        /// <summary>What the side's kind needs besides server, security and login (see <see cref="EndpointOptions"/>).</summary>
        public EndpointOptions Options { get; set; } = EndpointOptions.None;

        /// <summary>Where the account's address books, calendars and task lists are (CalDAV/CardDAV), or null.</summary>
        public Uri? DavUrl { get; }

        /// <summary>Where an Exchange account's web services are (https://host/EWS/Exchange.asmx), or null for other kinds.</summary>
        public Uri? EwsUrl { get; private set; }

        public bool HasMail => Type == ServerType.Imap || Type == ServerType.File || Type == ServerType.Pop3 || Type == ServerType.Exchange || Type == ServerType.Ovh;

        /// <summary>Whether the server is still to be found (<see cref="ToDiscover"/>): the side cannot be reached before.</summary>
        public bool NeedsDiscovery => Type == ServerType.Ovh || (Type == ServerType.Exchange && EwsUrl == null);

        public string Account => Credential.UserName;

        /// <summary>"source" or "destination", for messages.</summary>
        public string RoleName => RoleNameOf(Role);

        public int Port => Address.Port ?? (Type == ServerType.Pop3
            ? (Security == ConnectionSecurity.Auto || Security == ConnectionSecurity.Tls ? 995 : 110)
            : (Security == ConnectionSecurity.Auto || Security == ConnectionSecurity.Tls ? 993 : 143));

        /// <summary>host:port with the port actually used; the URL of a DAV-only or Exchange account; the path for a file.</summary>
        public string Server => Type == ServerType.File ? Address.Host
            : Type == ServerType.Dav ? DavUrl!.AbsoluteUri
            : NeedsDiscovery ? Address.Host
            : Type == ServerType.Exchange ? EwsUrl!.AbsoluteUri
            : Address.ToString(Port);

        public SecureSocketOptions SocketOptions
        {
            get
            {
                switch (Security)
                {
                    case ConnectionSecurity.Tls:
                        return SecureSocketOptions.SslOnConnect;
                    case ConnectionSecurity.StartTls:
                        return SecureSocketOptions.StartTls;
                    case ConnectionSecurity.None:
                        return SecureSocketOptions.None;
                    default:
                        return Port == 993 || Port == 995 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
                }
            }
        }

        public static bool IsWebUrl(Uri url) =>
            url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);

        /// <summary>Parses a DAV URL as a user types it.</summary>
        /// <exception cref="FormatException">It is not an http:// or https:// URL.</exception>
        public static Uri ParseDavUrl(string text)
        {
            if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url) || !IsWebUrl(url))
                throw new FormatException($"'{text}' is not a DAV URL: give http:// or https:// and the server's address, e.g. https://dav.example.com/.");
            return url;
        }

        private static string RoleNameOf(EndpointRole role) => role == EndpointRole.Source ? "source" : "destination";
    }
}
