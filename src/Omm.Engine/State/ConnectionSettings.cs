using Omm.Engine.Endpoints;

namespace Omm.Engine.State
{
    /// <summary>How a migration reaches its two sides, as recorded: everything but the passwords.</summary>
    public sealed class ConnectionSettings
    {
        public ConnectionSettings(ServerType sourceType, string sourceServer, string sourceAccount, ConnectionSecurity sourceSecurity,
            ServerType destinationType, string destinationServer, string destinationAccount, ConnectionSecurity destinationSecurity,
            bool skipCertificateCheck, string? sourceDavUrl = null, string? destinationDavUrl = null,
            EndpointOptions? sourceOptions = null, EndpointOptions? destinationOptions = null)
        {
            SourceOptions = sourceOptions ?? EndpointOptions.None;
            DestinationOptions = destinationOptions ?? EndpointOptions.None;
            SourceType = sourceType;
            SourceServer = sourceServer;
            SourceAccount = sourceAccount;
            SourceSecurity = sourceSecurity;
            DestinationType = destinationType;
            DestinationServer = destinationServer;
            DestinationAccount = destinationAccount;
            DestinationSecurity = destinationSecurity;
            SkipCertificateCheck = skipCertificateCheck;
            SourceDavUrl = sourceDavUrl;
            DestinationDavUrl = destinationDavUrl;
        }

        public ServerType SourceType { get; }

        public string SourceServer { get; }

        public string SourceAccount { get; }

        public ConnectionSecurity SourceSecurity { get; }

        public ServerType DestinationType { get; }

        public string DestinationServer { get; }

        public string DestinationAccount { get; }

        public ConnectionSecurity DestinationSecurity { get; }

        public bool SkipCertificateCheck { get; }

        /// <summary>The source's CalDAV/CardDAV URL, or null.</summary>
        public string? SourceDavUrl { get; }

        /// <summary>The destination's CalDAV/CardDAV URL, or null.</summary>
        public string? DestinationDavUrl { get; }

        public EndpointOptions SourceOptions { get; }

        public EndpointOptions DestinationOptions { get; }

        /// <summary>The settings of the two sides, as recorded.</summary>
        public static ConnectionSettings Of(AccountEndpoint source, AccountEndpoint destination, bool skipCertificateCheck) =>
            new ConnectionSettings(source.Type, source.Server, source.Account, source.Security, destination.Type, destination.Server, destination.Account,
                destination.Security, skipCertificateCheck, source.DavUrl?.AbsoluteUri, destination.DavUrl?.AbsoluteUri, source.Options, destination.Options);
    }
}
