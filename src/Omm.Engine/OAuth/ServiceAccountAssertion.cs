using System;
using System.Security.Cryptography;

namespace Omm.Engine.OAuth
{
    /// <summary>
    /// A Google service account's grant (RFC 7523 §2.1 JWT bearer, domain-wide delegation): header RS256/JWT with
    /// <c>kid</c> = private_key_id; claims iss = client_email, sub = the mailbox, scope, aud = the token URL, iat = now,
    /// exp = now + 1 h. Signed with the key's private key; a secret.
    /// </summary>
    internal static class ServiceAccountAssertion
    {
        public const string GrantType = "urn:ietf:params:oauth:grant-type:jwt-bearer";

        public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

        public static string Create(ServiceAccountKey key, string account, string scope, Uri tokenUrl, DateTimeOffset now)
        {
            using var rsa = RSA.Create();
            rsa.ImportParameters(key.PrivateKey);
            return SignedJwt.Create(
                rsa,
                header =>
                {
                    if (key.PrivateKeyId != null)
                        header.WriteString("kid", key.PrivateKeyId);
                },
                claims =>
                {
                    claims.WriteString("iss", key.ClientEmail);
                    claims.WriteString("sub", account);
                    claims.WriteString("scope", scope);
                    claims.WriteString("aud", tokenUrl.AbsoluteUri);
                    claims.WriteNumber("iat", now.ToUnixTimeSeconds());
                    claims.WriteNumber("exp", (now + Lifetime).ToUnixTimeSeconds());
                });
        }
    }
}
