using System;
using System.Text.Json;

namespace Omm.Engine.OAuth
{
    /// <summary>
    /// The JWT an application proves itself with instead of a client secret (RFC 7523 §2.2, as Microsoft Entra documents
    /// certificate credentials): header RS256/JWT with <c>x5t</c> (base64url SHA-1 thumbprint) and <c>x5t#S256</c>; claims
    /// aud = the token URL, iss = sub = the client id, a new jti, nbf = iat = now, exp = now + 10 min. A secret.
    /// </summary>
    internal static class ClientAssertion
    {
        public const string Type = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

        public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

        public static string Create(AssertionCertificate certificate, string clientId, Uri tokenUrl, DateTimeOffset now) =>
            SignedJwt.Create(
                certificate.Key,
                header =>
                {
                    header.WriteString("x5t", Base64Url.Encode(certificate.Sha1Thumbprint));
                    header.WriteString("x5t#S256", Base64Url.Encode(certificate.Sha256Thumbprint));
                },
                claims =>
                {
                    claims.WriteString("aud", tokenUrl.AbsoluteUri);
                    claims.WriteString("iss", clientId);
                    claims.WriteString("sub", clientId);
                    claims.WriteString("jti", Guid.NewGuid().ToString());
                    claims.WriteNumber("nbf", now.ToUnixTimeSeconds());
                    claims.WriteNumber("iat", now.ToUnixTimeSeconds());
                    claims.WriteNumber("exp", (now + Lifetime).ToUnixTimeSeconds());
                });
    }
}
