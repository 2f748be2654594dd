using Omm.Engine.Endpoints;
using Omm.Engine.OAuth;

namespace Omm.Engine.Accounts
{
    /// <summary>
    /// How a side logs in when it does so by OAuth2 rather than by password: a row's access token cell, else the command
    /// line's -SourceOAuth app or -SourceAccessToken. The settings become the side's options (recorded with the migration);
    /// the secret goes where the password would (sealed in a project, asked again by Sync).
    /// </summary>
    internal sealed class OAuthLogin
    {
        private OAuthLogin(EndpointOptions options, string secret)
        {
            Options = options;
            Secret = secret;
        }

        public EndpointOptions Options { get; }

        /// <summary>The access token, client secret, key or refresh token; empty when the settings alone suffice (a certificate in the store).</summary>
        public string Secret { get; }

        /// <summary>
        /// The OAuth2 login a row and the command line give a side, else the one the project keeps (when neither gives a
        /// password either); null for a password login.
        /// </summary>
        /// <exception cref="AccountRowException">The project keeps the side's settings with a sealed secret, and no project password opens it.</exception>
        public static OAuthLogin? Of(AccountRow row, SideFields fields, SideDefaults defaults)
        {
            if (fields.AccessToken.ValueIn(row) is string rowToken)
                return Token(rowToken);
            if (defaults.OAuth.Count > 0)
                return new OAuthLogin(defaults.OAuth, defaults.OAuthSecret ?? string.Empty);
            if (defaults.AccessToken is string token)
                return Token(token);
            if (defaults.ProjectOAuth.Count == 0 || fields.Password.ValueIn(row) != null || defaults.Password != null || defaults.Credential != null)
                return null;
            if (defaults.ProjectOAuthRefusal is string refusal)
                throw new AccountRowException(row, fields.Password, row.Find(fields.Password.Columns)?.Column ?? fields.Password.Columns[0], refusal);
            return new OAuthLogin(defaults.ProjectOAuth, defaults.ProjectOAuthSecret ?? string.Empty);
        }

        /// <summary>The side with these settings, once it is one that logs in over IMAP or POP3 alone.</summary>
        /// <exception cref="AccountRowException">The side is of a kind Omm does not log in to by OAuth2, or it has a DAV URL.</exception>
        public AccountEndpoint Apply(AccountEndpoint endpoint, AccountRow row, SideFields fields)
        {
            var side = endpoint.RoleName;
            if (endpoint.Type != ServerType.Imap && endpoint.Type != ServerType.Pop3)
                throw new AccountRowException(row, fields.Type, fields.Type.Columns[0],
                    $"the {side} signs in by OAuth2, which Omm does over IMAP and POP3; this {side} is {endpoint.Type}.");
            if (endpoint.DavUrl != null)
                throw new AccountRowException(row, fields.DavUrl, fields.DavUrl.Columns[0],
                    $"the {side} signs in by OAuth2, and its DAV URL would take a password: an OAuth2 side carries mail only. Leave the DAV URL out.");
            var options = endpoint.Options;
            foreach (var option in Options)
                options = options.With(option.Key, option.Value);
            endpoint.Options = options;
            return endpoint;
        }

        private static OAuthLogin Token(string token) =>
            new OAuthLogin(EndpointOptions.None.With(OAuthOptionNames.Provider, "Token"), token.Trim());
    }
}
