using System;
using System.Security.Cryptography;
using System.Text.Json;

namespace Omm.Engine.OAuth
{
    /// <summary>
    /// A Google service account's JSON key, as the Cloud console downloads it: <c>client_email</c>, <c>private_key</c>
    /// (PEM PKCS#8), <c>private_key_id</c>, <c>token_uri</c>. The private key is a secret.
    /// </summary>
    internal sealed class ServiceAccountKey
    {
        private ServiceAccountKey(string clientEmail, RSAParameters privateKey, string? privateKeyId, Uri? tokenUri)
        {
            ClientEmail = clientEmail;
            PrivateKey = privateKey;
            PrivateKeyId = privateKeyId;
            TokenUri = tokenUri;
        }

        public string ClientEmail { get; }

        public RSAParameters PrivateKey { get; }

        public string? PrivateKeyId { get; }

        public Uri? TokenUri { get; }

        /// <exception cref="FormatException">It is not such a key: the message names <paramref name="what"/>, never the key.</exception>
        public static ServiceAccountKey Parse(string json, string what)
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(json);
            }
            catch (JsonException)
            {
                throw new FormatException($"{what} is not a service account's JSON key: it is not JSON.");
            }

            using (document)
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                    throw new FormatException($"{what} is not a service account's JSON key.");
                var email = Text(root, "client_email") ?? throw new FormatException($"{what} is not a service account's JSON key: client_email is missing.");
                var pem = Text(root, "private_key") ?? throw new FormatException($"{what} is not a service account's JSON key: private_key is missing.");
                var tokenUriText = Text(root, "token_uri");
                Uri? tokenUri = null;
                if (tokenUriText != null && (!Uri.TryCreate(tokenUriText, UriKind.Absolute, out tokenUri) || tokenUri.Scheme != Uri.UriSchemeHttps))
                    throw new FormatException($"{what}: token_uri '{tokenUriText}' is not an https:// URL.");
                RSAParameters key;
                try
                {
                    key = PemKeys.ReadRsaPrivateKey(pem);
                }
                catch (FormatException e)
                {
                    throw new FormatException($"{what}: private_key {e.Message}");
                }

                return new ServiceAccountKey(email, key, Text(root, "private_key_id"), tokenUri);
            }
        }

        private static string? Text(JsonElement root, string name) =>
            root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;
    }
}
