namespace Omm.TestServers.Ews;

/// <summary>Who is asking (the login), which mailbox the request acts on, and the server.</summary>
internal sealed class EwsOperationContext(EwsTestServer server, EwsMailbox mailbox, string login, bool impersonated)
{
    public EwsTestServer Server { get; } = server;

    public EwsMailbox Mailbox { get; } = mailbox;

    public string Login { get; } = login;

    public bool Impersonated { get; } = impersonated;

    public object Gate => Server.Gate;

    public DateTimeOffset Now => Server.Now;
}
