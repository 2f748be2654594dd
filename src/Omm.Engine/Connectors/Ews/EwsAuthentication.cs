namespace Omm.Engine.Connectors.Ews
{
    /// <summary>How Omm logs in to Exchange Web Services (the endpoint option <see cref="EwsOptions.Authentication"/>).</summary>
    public enum EwsAuthentication
    {
        /// <summary>
        /// Basic up front; when the server answers 401 and offers NTLM or Negotiate (Basic turned off, or refused),
        /// NTLM from then on for the session.
        /// </summary>
        Auto,

        /// <summary>HTTP Basic only, sent up front.</summary>
        Basic,

        /// <summary>NTLM only (connection-bound handshake); the password itself never crosses the network.</summary>
        Ntlm,

        /// <summary>Negotiate (Kerberos where the machine has a ticket for the server, else NTLM inside SPNEGO).</summary>
        Negotiate,
    }
}
