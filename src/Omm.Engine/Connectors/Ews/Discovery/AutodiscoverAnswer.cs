using System;

namespace Omm.Engine.Connectors.Ews.Discovery
{
    /// <summary>What one Autodiscover response (POX or SOAP) says: an EWS URL, a redirect, or an error.</summary>
    public sealed class AutodiscoverAnswer
    {
        private AutodiscoverAnswer(AutodiscoverAnswerKind kind, Uri? ewsUrl, string? setting, string? redirect, string? error)
        {
            Kind = kind;
            EwsUrl = ewsUrl;
            Setting = setting;
            Redirect = redirect;
            Error = error;
        }

        public AutodiscoverAnswerKind Kind { get; }

        public Uri? EwsUrl { get; }

        /// <summary>Where the EWS URL was read: EXPR or EXCH (POX), ExternalEwsUrl or InternalEwsUrl (SOAP).</summary>
        public string? Setting { get; }

        /// <summary>The address (RedirectAddress) or URL (RedirectUrl) to go on with.</summary>
        public string? Redirect { get; }

        /// <summary>The server's error, in words.</summary>
        public string? Error { get; }

        public static AutodiscoverAnswer Found(Uri ewsUrl, string setting) => new(AutodiscoverAnswerKind.EwsUrl, ewsUrl, setting, null, null);

        public static AutodiscoverAnswer RedirectToAddress(string address) => new(AutodiscoverAnswerKind.RedirectAddress, null, null, address, null);

        public static AutodiscoverAnswer RedirectToUrl(string url) => new(AutodiscoverAnswerKind.RedirectUrl, null, null, url, null);

        public static AutodiscoverAnswer Failed(string error) => new(AutodiscoverAnswerKind.Error, null, null, null, error);
    }
}
