using System;

namespace Omm.Engine.OAuth
{
    /// <summary>
    /// A device code sign-in under way (RFC 8628 §3.2): what the user is to be shown, and how often the issuer may be
    /// asked whether they have signed in. The device code itself stays inside (a secret).
    /// </summary>
    public sealed class DeviceCodeLogin
    {
        internal DeviceCodeLogin(OAuthSettings settings, string deviceCode, string userCode, Uri verificationUri, string message, TimeSpan interval, DateTimeOffset expiresAt)
        {
            Settings = settings;
            DeviceCode = deviceCode;
            UserCode = userCode;
            VerificationUri = verificationUri;
            Message = message;
            Interval = interval;
            ExpiresAt = expiresAt;
        }

        /// <summary>The code the user types at <see cref="VerificationUri"/>.</summary>
        public string UserCode { get; }

        public Uri VerificationUri { get; }

        /// <summary>What to show the user: the issuer's own message, or one made of the URL and the code.</summary>
        public string Message { get; }

        /// <summary>How long to wait between two polls; grows by 5 s each time the issuer says slow_down.</summary>
        public TimeSpan Interval { get; internal set; }

        /// <summary>When the codes stop being accepted.</summary>
        public DateTimeOffset ExpiresAt { get; }

        internal OAuthSettings Settings { get; }

        internal string DeviceCode { get; }

        public override string ToString() => Message;
    }
}
