using System.Collections.Generic;
using Omm.Engine.Notifications;

namespace Omm.Engine.Projects
{
    /// <summary>Options given on a command line; null means "not given" (keep the project's, or the default).</summary>
    public sealed class ProjectOptions
    {
        public IReadOnlyList<ItemType>? Include { get; set; }

        public int? ThrottleLimit { get; set; }

        public IReadOnlyList<string>? IncludeFolders { get; set; }

        public IReadOnlyList<string>? ExcludeFolders { get; set; }

        /// <summary>New notification settings (SmtpSecret not yet sealed: see <see cref="SmtpPassword"/>).</summary>
        public NotificationSettings? Notifications { get; set; }

        /// <summary>The SMTP password given on the command line; stored sealed only when a project password is given.</summary>
        public string? SmtpPassword { get; set; }

        /// <summary>The app the notifications' SMTP login signs in through by OAuth2 (-SmtpOAuth); kept with the project, its secret sealed.</summary>
        public OAuth.OAuthSettings? SmtpOAuth { get; set; }
    }
}
