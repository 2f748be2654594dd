using System;
using System.Net;
using MailKit.Security;

namespace Omm.Engine.Endpoints
{
    /// <summary>Everything needed to log in to one side of a migration. Holds the password only in memory.</summary>
    public sealed class MailEndpoint
    {
        public MailEndpoint(EndpointRole role, ServerType type, ServerAddress address, ConnectionSecurity security, NetworkCredential credential, bool skipCertificateCheck)
        {
            Role = role;
            Type = type;
            Address = address ?? throw new ArgumentNullException(nameof(address));
            Security = security;
            Credential = credential ?? throw new ArgumentNullException(nameof(credential));
            SkipCertificateCheck = skipCertificateCheck;
            if (string.IsNullOrEmpty(credential.UserName))
                throw new ArgumentException($"The {RoleName} login is empty.", nameof(credential));
        }

        /// <summary>A file (or folder of files) to import from: no server, no login.</summary>
        public static MailEndpoint ForFile(string path) =>
            new MailEndpoint(EndpointRole.Source, ServerType.File, new ServerAddress(path, null), ConnectionSecurity.None,
                new NetworkCredential(System.IO.Path.GetFileName(path.TrimEnd('/', '\\')) is { Length: > 0 } name ? name : path, string.Empty), false);

        public EndpointRole Role { get; }

        public ServerType Type { get; }

        public ServerAddress Address { get; }

        public ConnectionSecurity Security { get; }

        public NetworkCredential Credential { get; }

        public bool SkipCertificateCheck { get; }

        public string Account => Credential.UserName;

        /// <summary>"source" or "destination", for messages.</summary>
        public string RoleName => Role == EndpointRole.Source ? "source" : "destination";

        public int Port => Address.Port ?? (Security == ConnectionSecurity.Auto || Security == ConnectionSecurity.Tls ? 993 : 143);

        /// <summary>host:port with the port actually used; the path for a file.</summary>
        public string Server => Type == ServerType.File ? Address.Host : Address.ToString(Port);

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
                        return Port == 993 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
                }
            }
        }
    }
}
