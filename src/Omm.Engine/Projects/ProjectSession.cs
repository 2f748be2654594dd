using System;
using System.Collections.Generic;
using System.Net;
using System.Security.Cryptography;
using Omm.Engine.Accounts;
using Omm.Engine.Endpoints;
using Omm.Engine.OAuth;
using Omm.Engine.Notifications;
using Omm.Engine.Secrets;
using Omm.Engine.State;

namespace Omm.Engine.Projects
{
    /// <summary>
    /// A project as one command works with it: its options (those given on the command line are saved
    /// and apply to migrations added later), and, with the project password, the key that seals and
    /// opens the accounts' credentials. Without a project, only the command line's options.
    /// </summary>
    public sealed class ProjectSession : IDisposable
    {
        private readonly StateStore store;
        private readonly ProjectKey? key;
        private readonly string? smtpPassword;
        private readonly OAuthSettings? smtpOAuth;

        private ProjectSession(StateStore store, ProjectSettings? settings, ProjectOptions options, ProjectKey? key)
        {
            this.store = store;
            Settings = settings;
            this.key = key;
            smtpPassword = options.SmtpPassword;
            smtpOAuth = options.SmtpOAuth;
            Include = options.Include ?? settings?.Include;
            ThrottleLimit = options.ThrottleLimit ?? settings?.ThrottleLimit ?? ProjectSettings.DefaultThrottleLimit;
            IncludeFolders = options.IncludeFolders ?? settings?.IncludeFolders ?? new string[0];
            ExcludeFolders = options.ExcludeFolders ?? settings?.ExcludeFolders ?? new string[0];
            Notifications = options.Notifications ?? settings?.Notifications;
        }

        /// <summary>The project's stored settings; null without a project.</summary>
        public ProjectSettings? Settings { get; }

        public string? Name => Settings?.Name;

        public IReadOnlyList<ItemType>? Include { get; }

        public int ThrottleLimit { get; }

        public IReadOnlyList<string> IncludeFolders { get; }

        public IReadOnlyList<string> ExcludeFolders { get; }

        public NotificationSettings? Notifications { get; }

        /// <summary>True when credentials are sealed into the state file for later unattended passes.</summary>
        public bool StoresCredentials => key != null;

        /// <param name="store">The state file.</param>
        /// <param name="project">The project name, or null.</param>
        /// <param name="options">What the command line gives; saved with the project.</param>
        /// <param name="projectPassword">Opens (or, the first time, sets up) the project's sealed credentials; null to store none.</param>
        /// <param name="setUpKey">Whether a project without stored credentials may get its key now (New-OmmMigration), or not (Sync-OmmMigration).</param>
        /// <exception cref="ProjectPasswordException">The password is wrong, or given without a project.</exception>
        public static ProjectSession Open(StateStore store, string? project, ProjectOptions options, string? projectPassword, bool setUpKey = true)
        {
            if (project == null)
            {
                if (projectPassword != null)
                    throw new ProjectPasswordException("-ProjectPassword needs -Project: credentials are stored per project.");
                return new ProjectSession(store, null, options, null);
            }

            var settings = store.GetProjectSettings(project) ?? ProjectSettings.New(project);
            ProjectKey? key = null;
            if (projectPassword != null)
            {
                if ((settings.KeySalt == null || settings.KeyCheck == null) && !setUpKey)
                {
                    throw new ProjectPasswordException(
                        $"Project '{settings.Name}' stores no credentials: give the passwords, or pipe the rows that created its migrations.");
                }

                if (settings.KeySalt == null || settings.KeyCheck == null)
                {
                    var salt = ProjectKey.NewSalt();
                    key = ProjectKey.Derive(projectPassword, salt);
                    settings = settings.With(keySalt: salt, keyCheck: key.Check());
                }
                else
                {
                    key = ProjectKey.Derive(projectPassword, settings.KeySalt);
                    if (!key.Matches(settings.KeyCheck))
                    {
                        key.Dispose();
                        throw new ProjectPasswordException($"The project password of '{settings.Name}' is wrong.");
                    }
                }
            }

            var notifications = options.Notifications;
            if (notifications != null && options.SmtpPassword != null && key != null)
                notifications = new NotificationSettings(notifications.Recipients, notifications.Sender, notifications.SmtpServer,
                    notifications.SmtpSecurity, notifications.SmtpLogin, key.Seal(options.SmtpPassword, $"project/{settings.Name}/smtp"));
            settings = settings.With(options.Include, options.ThrottleLimit, options.IncludeFolders, options.ExcludeFolders, notifications);
            store.SaveProjectSettings(settings);
            var session = new ProjectSession(store, settings, options, key);
            if (options.SmtpOAuth != null && options.SmtpOAuth.Flow != OAuthFlow.DeviceCode)
                session.KeepOAuth(SmtpRole, options.SmtpOAuth.ApplyTo(null), options.SmtpOAuth.Secret);
            return session;
        }

        /// <summary>Seals both sides' credentials for a migration, when a project password was given.</summary>
        public void StoreCredentials(string migrationId, AccountEndpoint source, AccountEndpoint destination)
        {
            if (key == null)
                return;
            foreach (var endpoint in new[] { source, destination })
                store.StoreCredential(migrationId, endpoint.Role.ToString(), endpoint.Account,
                    key.Seal(endpoint.Credential.Password, $"{migrationId}/{endpoint.Role}"));
        }

        /// <summary>The stored credential of one side, or null when none is stored or no project password was given.</summary>
        public NetworkCredential? StoredCredential(string migrationId, EndpointRole role)
        {
            if (key == null)
                return null;
            var stored = store.GetCredential(migrationId, role.ToString());
            if (stored == null)
                return null;
            try
            {
                return new NetworkCredential(stored.Value.Login, key.Open(stored.Value.SealedPassword, $"{migrationId}/{role}"));
            }
            catch (CryptographicException e)
            {
                throw new ProjectPasswordException($"The stored {role.ToString().ToLowerInvariant()} credential of migration {migrationId} cannot be opened: {e.Message}");
            }
        }

        /// <summary>
        /// Keeps the OAuth2 app the command line gives a side (-SourceOAuth) with the project, for migrations added later
        /// without it: its options, and its secret sealed with the project key when a project password was given. A device
        /// code sign-in is one user's and is not kept, nor is an access token. An app with a secret (a client secret, a
        /// certificate file's password) is kept only with a project password, since the settings without their secret would
        /// not sign in: returns false when it is not kept for want of one (what the project kept before stays); true otherwise.
        /// </summary>
        public bool StoreOAuth(EndpointRole role, SideDefaults given)
        {
            if (given.OAuth.Count == 0
                || string.Equals(given.OAuth[OAuthOptionNames.Flow], OAuthFlow.DeviceCode.ToString(), StringComparison.OrdinalIgnoreCase))
                return true;
            return KeepOAuth(role.ToString(), given.OAuth, given.OAuthSecret ?? string.Empty);
        }

        /// <summary>
        /// Gives <paramref name="side"/> the OAuth2 settings the project keeps for it (<see cref="SideDefaults.ProjectOAuth"/>),
        /// their secret opened with the project password; without one, a secret kept sealed makes the settings refused
        /// (<see cref="SideDefaults.ProjectOAuthRefusal"/>, naming -ProjectPassword) rather than a login that would fail.
        /// </summary>
        /// <exception cref="ProjectPasswordException">The sealed secret cannot be opened with the project key.</exception>
        public void ApplyStoredOAuth(EndpointRole role, SideDefaults side)
        {
            if (KeptOAuth(role.ToString()) is not { } kept)
                return;
            side.ProjectOAuth = kept.Options;
            side.ProjectOAuthSecret = string.IsNullOrEmpty(kept.Secret) ? null : kept.Secret;
            var name = role.ToString().ToLowerInvariant();
            side.ProjectOAuthRefusal = kept.Secret != null ? null
                : $"project '{Name}' keeps the {name}'s OAuth2 secret sealed: give -ProjectPassword to open it " +
                  $"(or give the {name}'s password, -{role}OAuth or -{role}AccessToken).";
        }

        /// <summary>
        /// Keeps an app with the project under <paramref name="role"/> (Source, Destination, Smtp): its options, and its
        /// secret sealed with the project key. False, and nothing kept, when it has a secret and no project password seals it.
        /// </summary>
        private bool KeepOAuth(string role, EndpointOptions options, string secret)
        {
            if (Name == null)
                return true;
            if (secret.Length > 0 && key == null)
                return false;
            store.SaveProjectOAuth(Name, role, options, secret.Length == 0 ? null : key!.Seal(secret, OAuthContext(role)));
            return true;
        }

        /// <summary>
        /// The app the project keeps under <paramref name="role"/>: its options and its secret (empty when none was sealed,
        /// null when one was and no project password was given); null when it keeps none.
        /// </summary>
        /// <exception cref="ProjectPasswordException">The sealed secret cannot be opened with the project key.</exception>
        private (EndpointOptions Options, string? Secret)? KeptOAuth(string role)
        {
            if (Name == null || store.GetProjectOAuth(Name, role) is not { } kept)
                return null;
            if (kept.SealedSecret == null)
                return (kept.Options, string.Empty);
            if (key == null)
                return (kept.Options, null);
            try
            {
                return (kept.Options, key.Open(kept.SealedSecret, OAuthContext(role)));
            }
            catch (CryptographicException e)
            {
                throw new ProjectPasswordException($"The {role.ToLowerInvariant()} OAuth2 secret kept in project '{Name}' cannot be opened: {e.Message}");
            }
        }

        private string OAuthContext(string role) => $"project/{Name}/oauth/{role}";

        /// <summary>A notifier when notifications are set up; the SMTP login from the command line or, sealed, from the project.</summary>
        public MigrationNotifier? Notifier(NetworkCredential? smtpCredential)
        {
            if (Notifications == null)
                return null;
            var credential = smtpCredential;
            if (credential == null && smtpPassword != null && Notifications.SmtpLogin != null)
                credential = new NetworkCredential(Notifications.SmtpLogin, smtpPassword);
            if (credential == null && key != null && Notifications.SmtpSecret != null && Notifications.SmtpLogin != null && Name != null)
                credential = new NetworkCredential(Notifications.SmtpLogin, key.Open(Notifications.SmtpSecret, $"project/{Name}/smtp"));
            return new MigrationNotifier(Notifications, credential, SmtpTokens());
        }

        private const string SmtpRole = "Smtp";

        /// <summary>
        /// The tokens the notifier logs in to SMTP with: the command line's -SmtpOAuth, else the app the project keeps (its
        /// secret opened with the project password); null for a password login. The SASL user is the SMTP login, else the sender.
        /// </summary>
        private IAccessTokenSource? SmtpTokens()
        {
            var account = Notifications?.SmtpLogin ?? Notifications?.Sender;
            var settings = smtpOAuth;
            if (settings == null && KeptOAuth(SmtpRole) is { } kept)
            {
                var secret = kept.Secret
                    ?? throw new ProjectPasswordException($"Project '{Name}' keeps the SMTP login's OAuth2 secret sealed: give -ProjectPassword to open it, or -SmtpOAuth.");
                try
                {
                    settings = OAuthSettings.Parse(kept.Options, secret, account, "SMTP");
                }
                catch (FormatException e)
                {
                    throw new ArgumentException($"The SMTP login's OAuth2 settings kept in project '{Name}' are not usable: {e.Message}", e);
                }
            }

            if (settings == null)
                return null;
            if (account == null)
                throw new ArgumentException("The SMTP login signs in by OAuth2 as a mailbox: give -NotificationFrom (the sending mailbox) or -SmtpCredential with its address.");
            return OAuthTokenCache.Shared.SourceFor(settings.ForAccount(account, "SMTP"));
        }

        public void Dispose() => key?.Dispose();
    }
}
