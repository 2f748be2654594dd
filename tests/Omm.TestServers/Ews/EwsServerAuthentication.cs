namespace Omm.TestServers.Ews;

/// <summary>What the EWS test server accepts as a login. Its 401s offer Negotiate and NTLM always, Basic unless <see cref="Ntlm"/>.</summary>
public enum EwsServerAuthentication
{
    /// <summary>HTTP Basic only (NTLM offered but not taken): the server as before NTLM existed here.</summary>
    Basic,

    /// <summary>NTLM only (also inside a Negotiate header as a raw NTLMSSP token), bound to the connection: Basic turned off, as often on-premises and at OVH.</summary>
    Ntlm,

    BasicAndNtlm,
}
