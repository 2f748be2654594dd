using System;
using System.Collections.Generic;

namespace Omm.Engine.Accounts
{
    /// <summary>A mail provider Omm knows by name and by host: where its servers are and what it allows.</summary>
    public sealed class MailProvider
    {
        internal MailProvider(OAuthProvider oauth, string name, string imapHost, string pop3Host, string smtpHost, bool passwordsRefused,
            IReadOnlyList<string> hosts, long? downloadBytesPerDay, long? uploadBytesPerDay)
        {
            OAuth = oauth;
            Name = name;
            ImapHost = imapHost;
            Pop3Host = pop3Host;
            SmtpHost = smtpHost;
            PasswordsRefused = passwordsRefused;
            Hosts = hosts;
            DownloadBytesPerDay = downloadBytesPerDay;
            UploadBytesPerDay = uploadBytesPerDay;
        }

        /// <summary>Who issues its tokens.</summary>
        public OAuthProvider OAuth { get; }

        public string Name { get; }

        public string ImapHost { get; }

        public string Pop3Host { get; }

        public string SmtpHost { get; }

        /// <summary>Whether it refuses password logins over IMAP and POP3 altogether (an app password does not help either).</summary>
        public bool PasswordsRefused { get; }

        /// <summary>Its IMAP, POP3 and SMTP host names.</summary>
        public IReadOnlyList<string> Hosts { get; }

        /// <summary>What one account may download a day over IMAP/POP3, as published; null when none is.</summary>
        public long? DownloadBytesPerDay { get; }

        /// <summary>What one account may upload (append) a day over IMAP, as published; null when none is.</summary>
        public long? UploadBytesPerDay { get; }

        public bool Serves(string host) => ((IList<string>)Hosts).Contains(host.Trim().TrimEnd('.').ToLowerInvariant());

        public override string ToString() => Name;
    }
}
