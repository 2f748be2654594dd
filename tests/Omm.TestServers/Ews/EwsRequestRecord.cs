namespace Omm.TestServers.Ews;

/// <summary>
/// One request as the EWS test server saw it: when it arrived, the operation (the body's element name, "" when the
/// server never read it), the mailbox acted on (null before authentication), whether through impersonation, and the HTTP
/// status answered (0 when the connection was dropped), and the scheme of its Authorization header (null without one).
/// </summary>
public sealed record EwsRequestRecord(DateTimeOffset Time, string Operation, string? Mailbox, bool Impersonated, int HttpStatus)
{
    public string? AuthorizationScheme { get; init; }
}
