using System.Net;
using Omm.Engine.Endpoints;

namespace Omm.Engine.Accounts
{
    /// <summary>What a user gives for one side (source or destination) on the command line, before it becomes an <see cref="AccountEndpoint"/>.</summary>
    public sealed class SideDefaults
    {
        public ServerType? Type { get; set; }

        public string? Server { get; set; }

        public ConnectionSecurity? Security { get; set; }

        public NetworkCredential? Credential { get; set; }

        public string? Login { get; set; }

        public string? Password { get; set; }

        public string? DavUrl { get; set; }

        /// <summary>An administrator who logs in for an Exchange side's mailbox (the password is then the administrator's).</summary>
        public string? AdminLogin { get; set; }

        /// <summary>What a side of a kind that has options is given (e.g. a POP3 source's folder); see <see cref="EndpointOptions"/>.</summary>
        public EndpointOptions Options { get; set; } = EndpointOptions.None;

        /// <summary>An OAuth2 access token to log in with instead of a password (-SourceAccessToken): used as it is, never refreshed.</summary>
        public string? AccessToken { get; set; }

        /// <summary>How the side gets OAuth2 tokens (<see cref="OAuth.OAuthOptionNames"/>), from -SourceOAuth; empty for a password login.</summary>
        public EndpointOptions OAuth { get; set; } = EndpointOptions.None;

        /// <summary>The secret part of <see cref="OAuth"/> (a client secret, a key, a refresh token), carried where a password is.</summary>
        public string? OAuthSecret { get; set; }

        /// <summary>
        /// The OAuth2 settings the project keeps for the side (New-OmmMigration and Import-OmmFile with -Project), used when
        /// neither the row nor the command line gives a token, an app or a password (<see cref="OAuthLogin.Of"/>); empty when it keeps none.
        /// </summary>
        public EndpointOptions ProjectOAuth { get; set; } = EndpointOptions.None;

        /// <summary>The secret of <see cref="ProjectOAuth"/>, opened with the project password; null when the project keeps none.</summary>
        public string? ProjectOAuthSecret { get; set; }

        /// <summary>Why <see cref="ProjectOAuth"/> cannot be used now (its secret is sealed and no project password was given); null when it can.</summary>
        public string? ProjectOAuthRefusal { get; set; }

        public SideDefaults Copy() => (SideDefaults)MemberwiseClone();
    }
}
