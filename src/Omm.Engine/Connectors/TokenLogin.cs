using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MailKit;
using MailKit.Security;
using Omm.Engine.Migrations;
using Omm.Engine.OAuth;

namespace Omm.Engine.Connectors
{
    /// <summary>
    /// A login with an OAuth2 bearer token (IMAP, POP3, SMTP): SASL XOAUTH2 when the server offers it, else OAUTHBEARER
    /// (RFC 7628). One attempt; one more only when the source can get a new token and gives another one than the refused
    /// one (a cached token revoked or expired early). The token itself never goes into a message.
    /// </summary>
    internal static class TokenLogin
    {
        /// <summary>Logs <paramref name="client"/> in with a token of <paramref name="source"/>.</summary>
        /// <param name="host">The server's host and port, which OAUTHBEARER sends.</param>
        /// <param name="side">"the source server host:port", for the message when the server offers no token login.</param>
        /// <param name="isTemporary">Whether the server's refusal says "not now" rather than "no": then no new token is asked.</param>
        /// <param name="secondTry">Called before a second token is tried (the first was refused).</param>
        /// <exception cref="AuthenticationException">The server refused the token (both, when a second was tried).</exception>
        /// <exception cref="MigrationFailedException">The server offers neither XOAUTH2 nor OAUTHBEARER, or no token can be had.</exception>
        public static async Task AuthenticateAsync(IMailService client, IAccessTokenSource source, string host, int port, string side,
            Func<bool> isTemporary, Action secondTry, CancellationToken cancellationToken)
        {
            var offered = client.AuthenticationMechanisms.ToList();
            var name = MechanismName(offered);
            if (name == null)
                throw new MigrationFailedException(FailureKind.Authentication,
                    $"{Capital(side)} offers no login with an OAuth2 token (neither XOAUTH2 nor OAUTHBEARER) for '{source.Account}'; it offers " +
                    $"{(offered.Count == 0 ? "no SASL mechanism at all" : string.Join(", ", offered))}. Log in with a password instead, or check the server and port.");

            var token = await source.GetAsync(false, cancellationToken).ConfigureAwait(false);
            AccessToken fresh;
            try
            {
                await client.AuthenticateAsync(Mechanism(name, source.Account, token, host, port), cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (AuthenticationException) when (token.FromCache && source.CanRefresh && !isTemporary())
            {
                fresh = await source.GetAsync(true, cancellationToken).ConfigureAwait(false);
                if (fresh.Value == token.Value)
                    throw;
            }

            secondTry();
            await client.AuthenticateAsync(Mechanism(name, source.Account, fresh, host, port), cancellationToken).ConfigureAwait(false);
        }

        /// <summary>XOAUTH2 when offered (what Microsoft 365 and Google document), else OAUTHBEARER, else null.</summary>
        public static string? MechanismName(IEnumerable<string> offered)
        {
            var names = offered.ToList();
            return names.Contains("XOAUTH2", StringComparer.OrdinalIgnoreCase) ? "XOAUTH2"
                : names.Contains("OAUTHBEARER", StringComparer.OrdinalIgnoreCase) ? "OAUTHBEARER"
                : null;
        }

        private static SaslMechanism Mechanism(string name, string account, AccessToken token, string host, int port) =>
            new BearerSasl(name, account, token.Value, host, port);

        /// <summary>
        /// Why a login failed when the server refused the token, for the failure: who refused it, the server's words, how
        /// many tries, what to check (never the token).
        /// </summary>
        /// <param name="server">As the sentence starts ("The source server host:port"), or lower case after a colon ("the SMTP server").</param>
        public static string Refused(string server, string account, string reason, bool secondToken, string protocol) =>
            $"{server} refused the OAuth2 token of '{account}': {reason} " +
            $"Omm tried {(secondToken ? "twice, the second time with a new token" : "once")}. {Hint(protocol)}";

        /// <summary>What to check when a provider refuses a token, by protocol (IMAP, POP, SMTP).</summary>
        public static string Hint(string protocol) => protocol == "SMTP"
            ? "For Microsoft 365, the app needs the SMTP.SendAsApp permission and SMTP AUTH enabled for the mailbox; for Google, domain-wide delegation " +
              "with the https://mail.google.com/ scope."
            : $"For Microsoft 365, the app needs the {protocol}.AccessAsApp permission and access to this mailbox (Add-MailboxPermission), or the user " +
              $"consent; for Google, domain-wide delegation with the https://mail.google.com/ scope and {protocol} enabled for the user.";

        private static string Capital(string text) => char.ToUpperInvariant(text[0]) + text.Substring(1);
    }
}
