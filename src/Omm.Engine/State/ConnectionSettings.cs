namespace Omm.Engine.State
{
    /// <summary>How a migration reaches its two sides, as recorded: everything but the passwords.</summary>
    public sealed class ConnectionSettings
    {
        public ConnectionSettings(ServerType sourceType, string sourceServer, string sourceAccount, ConnectionSecurity sourceSecurity,
            ServerType destinationType, string destinationServer, string destinationAccount, ConnectionSecurity destinationSecurity,
            bool skipCertificateCheck, string? sourceDavUrl = null, string? destinationDavUrl = null)
        {
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
    }
}
