using System.Collections.Generic;

namespace Omm.Engine.Notifications
{
    /// <summary>Where notification mails go and through which SMTP server. The SMTP password is sealed (project key) or absent.</summary>
    public sealed class NotificationSettings
    {
        public NotificationSettings(IReadOnlyList<string> recipients, string? sender, string smtpServer, ConnectionSecurity smtpSecurity,
            string? smtpLogin, byte[]? smtpSecret)
        {
            Recipients = recipients;
            Sender = sender;
            SmtpServer = smtpServer;
            SmtpSecurity = smtpSecurity;
            SmtpLogin = smtpLogin;
            SmtpSecret = smtpSecret;
        }

        public IReadOnlyList<string> Recipients { get; }

        /// <summary>The From address; null for the first recipient.</summary>
        public string? Sender { get; }

        public string SmtpServer { get; }

        public ConnectionSecurity SmtpSecurity { get; }

        public string? SmtpLogin { get; }

        /// <summary>The SMTP password sealed with the project key, or null.</summary>
        public byte[]? SmtpSecret { get; }
    }
}
