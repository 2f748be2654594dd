using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Omm.Engine.OAuth
{
    /// <summary>A JWT signed RS256 (RSASSA-PKCS1-v1_5 with SHA-256), as client assertions and service account grants are.</summary>
    internal static class SignedJwt
    {
        /// <summary>header.claims.signature; the header has alg RS256 and typ JWT besides what <paramref name="header"/> writes.</summary>
        public static string Create(RSA key, Action<Utf8JsonWriter> header, Action<Utf8JsonWriter> claims)
        {
            var head = Json(writer =>
            {
                writer.WriteString("alg", "RS256");
                writer.WriteString("typ", "JWT");
                header(writer);
            });
            var body = Json(claims);
            var signingInput = Base64Url.Encode(head) + "." + Base64Url.Encode(body);
            var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            return signingInput + "." + Base64Url.Encode(signature);
        }

        public static long UnixSeconds(DateTimeOffset time) => time.ToUnixTimeSeconds();

        private static byte[] Json(Action<Utf8JsonWriter> write)
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream))
            {
                writer.WriteStartObject();
                write(writer);
                writer.WriteEndObject();
            }

            return stream.ToArray();
        }
    }
}
