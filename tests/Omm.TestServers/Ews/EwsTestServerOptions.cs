namespace Omm.TestServers.Ews;

/// <summary>How an <see cref="EwsTestServer"/> listens and how strict it is with itself.</summary>
public sealed class EwsTestServerOptions
{
    /// <summary>Listen with TLS using this certificate (https://); null for plain http.</summary>
    public TestCertificate? Certificate { get; init; }

    /// <summary>
    /// Check every response against the EWS schema before sending it; violations go to
    /// <see cref="EwsTestServer.ResponseSchemaViolations"/>. On by default: tests keep it on.
    /// </summary>
    public bool ValidateResponses { get; init; } = true;

    /// <summary>
    /// The largest request body accepted (HTTP 413 beyond). Exchange 2016/2019's EWS web.config ships 150 MB
    /// (maxAllowedContentLength / maxReceivedMessageSize = 157286400; Exchange 2013 had 64 MB).
    /// </summary>
    public long MaxRequestBytes { get; init; } = 157_286_400;

    /// <summary>
    /// The largest UploadItems payload, in characters of base64 (HTTP 413 beyond): "restricted ... to a maximum import
    /// payload of 25MB of base64 encoded data. The setting can be altered in the web.config" (UploadItems operation docs).
    /// </summary>
    public long MaxUploadBase64Bytes { get; init; } = 25L * 1024 * 1024;

    /// <summary>Which logins the server takes: Basic (the default), NTLM bound to the connection, or both.</summary>
    public EwsServerAuthentication Authentication { get; init; } = EwsServerAuthentication.Basic;

    /// <summary>The clock for dates, back-offs and the request log.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
