using System;
using System.Text.Json;

namespace Omm.Engine.OAuth
{
    /// <summary>What a token (or device authorization) endpoint answered: its JSON fields, or its error.</summary>
    internal sealed class TokenEndpointReply
    {
        private TokenEndpointReply(int status, JsonElement root)
        {
            Status = status;
            Root = root;
        }

        public int Status { get; }

        /// <summary>The JSON object answered (a clone: usable after the document is gone).</summary>
        public JsonElement Root { get; }

        /// <summary>The issuer's <c>error</c> (RFC 6749 §5.2), or null when it answered a success.</summary>
        public string? Error => Text("error") ?? (Status >= 200 && Status < 300 ? null : "http_" + Status);

        public string? ErrorDescription => Text("error_description");

        /// <summary>"error: description" as the issuer said it, for messages.</summary>
        public string Reason => ErrorDescription is string description ? $"{Error}: {description}" : Error ?? "no error";

        public string? Text(string name) =>
            Root.ValueKind == JsonValueKind.Object && Root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
                ? text : null;

        /// <summary>A number, which issuers write as a number or a string.</summary>
        public long? Number(string name)
        {
            if (Root.ValueKind != JsonValueKind.Object || !Root.TryGetProperty(name, out var value))
                return null;
            if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number))
                return number;
            return value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), out number) ? number : (long?)null;
        }

        /// <summary>The reply, or null when the body is not a JSON object.</summary>
        public static TokenEndpointReply? Parse(int status, string body)
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                return document.RootElement.ValueKind == JsonValueKind.Object ? new TokenEndpointReply(status, document.RootElement.Clone()) : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }
}
