using Omm.Engine.Endpoints;

namespace Omm.Engine.State
{
    /// <summary>How a migration reaches its two sides, as recorded: everything but the passwords.</summary>
    public sealed class ConnectionSettings
    {
        public ConnectionSettings(RecordedSide source, RecordedSide destination, bool skipCertificateCheck)
        {
            Source = source;
            Destination = destination;
            SkipCertificateCheck = skipCertificateCheck;
        }

        public RecordedSide Source { get; }

        public RecordedSide Destination { get; }

        public bool SkipCertificateCheck { get; }

        public RecordedSide Side(EndpointRole role) => role == EndpointRole.Source ? Source : Destination;

        /// <summary>The settings of the two sides, as recorded.</summary>
        public static ConnectionSettings Of(AccountEndpoint source, AccountEndpoint destination, bool skipCertificateCheck) =>
            new ConnectionSettings(RecordedSide.Of(source), RecordedSide.Of(destination), skipCertificateCheck);
    }
}
