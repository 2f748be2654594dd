namespace Omm
{
    /// <summary>How a connection to a mail server is protected.</summary>
    public enum ConnectionSecurity
    {
        /// <summary>Implicit TLS on port 993; on any other port STARTTLS, and fail when the server does not offer it.</summary>
        Auto,

        /// <summary>Implicit TLS from the first byte (IMAPS).</summary>
        Tls,

        /// <summary>Plaintext connection upgraded with STARTTLS; fails when the server does not offer it.</summary>
        StartTls,

        /// <summary>No encryption at all. Only when asked for explicitly.</summary>
        None,
    }
}
