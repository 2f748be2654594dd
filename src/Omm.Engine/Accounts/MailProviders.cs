using System;
using System.Linq;

namespace Omm.Engine.Accounts
{
    /// <summary>The providers Omm knows by name (a row's type column) and by host: Microsoft 365 and Google.</summary>
    public static class MailProviders
    {
        private const long Megabyte = 1000 * 1000;

        /// <summary>Exchange Online: IMAP and POP3 take OAuth2 only since basic authentication was turned off (2022).</summary>
        public static readonly MailProvider Microsoft365 = new MailProvider(OAuthProvider.Microsoft365, "Microsoft 365", "outlook.office365.com",
            "outlook.office365.com", "smtp.office365.com", passwordsRefused: true,
            new[] { "outlook.office365.com", "smtp.office365.com", "outlook.office.com", "imap-mail.outlook.com", "smtp-mail.outlook.com" },
            downloadBytesPerDay: null, uploadBytesPerDay: null);

        /// <summary>Gmail and Google Workspace: OAuth2, or an app password; 2,500 MB a day out and 500 MB a day in over IMAP per account.</summary>
        public static readonly MailProvider Google = new MailProvider(OAuthProvider.Google, "Google", "imap.gmail.com", "pop.gmail.com", "smtp.gmail.com",
            passwordsRefused: false, new[] { "imap.gmail.com", "pop.gmail.com", "smtp.gmail.com", "imap.googlemail.com" },
            downloadBytesPerDay: 2500 * Megabyte, uploadBytesPerDay: 500 * Megabyte);

        /// <summary>The provider a row's type names (Office365, Microsoft365, M365, Gmail, Google), or null.</summary>
        public static MailProvider? ByName(string type)
        {
            switch (type.Trim().Replace(" ", string.Empty).ToUpperInvariant())
            {
                case "OFFICE365":
                case "MICROSOFT365":
                case "M365":
                case "EXCHANGEONLINE":
                    return Microsoft365;
                case "GMAIL":
                case "GOOGLE":
                case "GOOGLEWORKSPACE":
                    return Google;
                default:
                    return null;
            }
        }

        /// <summary>
        /// The tighter of the published daily limits of the source's provider (download) and the destination's (upload), as
        /// an even rate over the day, with what it comes from; null when neither side has one. It is a migration's byte
        /// cap unless one is given (0 lifts it).
        /// </summary>
        public static (long BytesPerSecond, string Reason)? DailyLimit(Endpoints.AccountEndpoint source, Endpoints.AccountEndpoint destination)
        {
            (long, string)? tightest = null;
            foreach (var (endpoint, download) in new[] { (source, true), (destination, false) })
            {
                if (endpoint.Type != ServerType.Imap && endpoint.Type != ServerType.Pop3)
                    continue;
                var provider = ByHost(endpoint.Address.Host);
                var perDay = download ? provider?.DownloadBytesPerDay : provider?.UploadBytesPerDay;
                if (perDay is long bytes && (tightest == null || bytes / 86400 < tightest.Value.Item1))
                    tightest = (bytes / 86400, $"{provider!.Name} lets an account {(download ? "download" : "upload")} {bytes / Megabyte:N0} MB a day over IMAP");
            }

            return tightest;
        }

        /// <summary>The provider whose server this is, or null.</summary>
        public static MailProvider? ByHost(string host) => new[] { Microsoft365, Google }.FirstOrDefault(p => p.Serves(host));
    }
}
