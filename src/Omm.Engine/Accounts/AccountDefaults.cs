using System.Net;

namespace Omm.Engine.Accounts
{
    /// <summary>What the command line gives for every row; a row's own non-empty cells win.</summary>
    public sealed class AccountDefaults
    {
        public ServerType? SourceType { get; set; }

        public string? SourceServer { get; set; }

        public ConnectionSecurity? SourceSecurity { get; set; }

        public NetworkCredential? SourceCredential { get; set; }

        public string? SourceLogin { get; set; }

        public string? SourcePassword { get; set; }

        public string? SourceDavUrl { get; set; }

        /// <summary>What a source of a kind that has options is given (e.g. a POP3 source's folder); see <see cref="Endpoints.EndpointOptions"/>.</summary>
        public Endpoints.EndpointOptions SourceOptions { get; set; } = Endpoints.EndpointOptions.None;

        public ServerType? DestinationType { get; set; }

        public string? DestinationServer { get; set; }

        public ConnectionSecurity? DestinationSecurity { get; set; }

        public NetworkCredential? DestinationCredential { get; set; }

        public string? DestinationLogin { get; set; }

        public string? DestinationPassword { get; set; }

        public string? DestinationDavUrl { get; set; }

        public string? Project { get; set; }

        /// <summary>Caps from the command line (0 lifts a cap); a row's own cells win.</summary>
        public double? MaxMessagesPerSecond { get; set; }

        public long? MaxBytesPerSecond { get; set; }
    }
}
