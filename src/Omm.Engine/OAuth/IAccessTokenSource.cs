using System.Threading;
using System.Threading.Tasks;
using Omm.Engine.Migrations;

namespace Omm.Engine.OAuth
{
    /// <summary>
    /// Gives the bearer token a connection logs in with (SASL XOAUTH2 or OAUTHBEARER). Each new connection asks again,
    /// so a token refreshed meanwhile is the one used; a source may hand out a cached token until shortly before it
    /// expires. Safe to call from several connections at once.
    /// </summary>
    public interface IAccessTokenSource
    {
        /// <summary>The login the token is for (the mailbox address): the SASL user.</summary>
        string Account { get; }

        /// <summary>A token for <see cref="Account"/>.</summary>
        /// <param name="refresh">The last token was refused: get a new one rather than a cached one (when the source can).</param>
        /// <exception cref="MigrationFailedException">No token can be had (wrong secret, unknown client, consent missing, issuer unreachable): the message names the side and the issuer's reason.</exception>
        Task<AccessToken> GetAsync(bool refresh, CancellationToken cancellationToken);

        /// <summary>Whether <see cref="GetAsync"/> with refresh can give another token than the last (false for a token given as is).</summary>
        bool CanRefresh { get; }
    }
}
