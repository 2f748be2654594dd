using System;

namespace Omm.Engine.OAuth
{
    /// <summary>An OAuth2 bearer token for one account, and when it stops being accepted.</summary>
    public sealed class AccessToken
    {
        public AccessToken(string value, DateTimeOffset? expiresAt)
            : this(value, expiresAt, fromCache: false)
        {
        }

        private AccessToken(string value, DateTimeOffset? expiresAt, bool fromCache)
        {
            FromCache = fromCache;
            if (string.IsNullOrEmpty(value))
                throw new ArgumentException("An access token cannot be empty.", nameof(value));
            Value = value;
            ExpiresAt = expiresAt;
        }

        /// <summary>The bearer token itself: a secret, never written to output, errors or the state file.</summary>
        public string Value { get; }

        /// <summary>When the issuer said it expires; null when it did not say (a token the admin gave).</summary>
        public DateTimeOffset? ExpiresAt { get; }

        /// <summary>
        /// Handed out again from a cache rather than just issued: when a server refuses it, a new one may do (it may have
        /// been revoked meanwhile); a token just issued and refused would only be refused again.
        /// </summary>
        public bool FromCache { get; }

        /// <summary>This token as a cache hands it out again.</summary>
        public AccessToken AsCached() => FromCache ? this : new AccessToken(Value, ExpiresAt, fromCache: true);

        public override string ToString() => ExpiresAt is DateTimeOffset at ? $"access token (expires {at:u})" : "access token";
    }
}
