using System;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using MailKit.Net.Pop3;
using MailKit.Security;
using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;
using Omm.Engine.OAuth;

namespace Omm.Engine.Connectors.Pop3
{
    /// <summary>Opens an authenticated POP3 session, or says precisely why it cannot; ends one with QUIT.</summary>
    internal static class Pop3Session
    {
        private static readonly TimeSpan GreetingTimeout = TimeSpan.FromSeconds(30);

        /// <exception cref="Migrations.MigrationFailedException">The server cannot be reached, refuses TLS or the login.</exception>
        public static async Task<Pop3Client> OpenAsync(AccountEndpoint endpoint, CancellationToken cancellationToken)
        {
            var replies = new Pop3ReplyWatch();
            // As for IMAP: a server that says nothing is usually waiting for a TLS handshake nobody starts; no need to wait minutes.
            var greeting = endpoint.StallTimeout < GreetingTimeout ? endpoint.StallTimeout : GreetingTimeout;
            var client = new Pop3Client(replies) { Timeout = (int)greeting.TotalMilliseconds };
            var certificateCheck = new CertificateCheck(endpoint.SkipCertificateCheck);
            client.ServerCertificateValidationCallback = certificateCheck.Validate;
            try
            {
                try
                {
                    // With StartTls, MailKit ends the connection before any login when the server offers no STLS.
                    await client.ConnectAsync(endpoint.Address.Host, endpoint.Port, endpoint.SocketOptions, cancellationToken).ConfigureAwait(false);
                    client.Timeout = (int)endpoint.StallTimeout.TotalMilliseconds;
                }
                catch (Exception e) when (!(e is OperationCanceledException) && Pop3Failures.OfConnecting(endpoint, certificateCheck, replies.LastStatus, e) is { } failure)
                {
                    throw failure;
                }

                // Asked again for every session: a token refreshed meanwhile is the one used.
                if (OAuthLogins.TokenSourceFor(endpoint) is IAccessTokenSource tokens)
                {
                    await TokenLoginAsync(client, endpoint, tokens, replies, cancellationToken).ConfigureAwait(false);
                    return client;
                }

                try
                {
                    await LoginAsync(client, endpoint.Credential, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (!(e is OperationCanceledException) && Pop3Failures.OfLogin(endpoint, replies.LastStatus, e) is { } failure)
                {
                    throw failure;
                }

                return client;
            }
            catch
            {
                client.Dispose();
                throw;
            }
        }

        /// <summary>Logs in once (<see cref="SingleLogin"/>): SASL, else USER/PASS; a "-ERR [IN-USE]" is not hidden behind another try.</summary>
        private static Task LoginAsync(Pop3Client client, NetworkCredential credential, CancellationToken cancellationToken)
        {
            if (SingleLogin.Mechanism(client.AuthenticationMechanisms, credential) is SaslMechanism sasl)
                return client.AuthenticateAsync(sasl, cancellationToken);
            client.Capabilities &= ~Pop3Capabilities.Apop;
            return client.AuthenticateAsync(credential, cancellationToken);
        }

        private static async Task TokenLoginAsync(Pop3Client client, AccountEndpoint endpoint, IAccessTokenSource tokens, Pop3ReplyWatch replies,
            CancellationToken cancellationToken)
        {
            var secondToken = false;
            try
            {
                await TokenLogin.AuthenticateAsync(client, tokens, endpoint.Address.Host, endpoint.Port, $"the {endpoint.RoleName} server {endpoint.Server}",
                    () => Pop3Failures.IsTemporary(replies.LastStatus), () => secondToken = true, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when ((e is AuthenticationException || e is Pop3CommandException) && !Pop3Failures.IsTemporary(replies.LastStatus))
            {
                throw new MigrationFailedException(FailureKind.Authentication, TokenLogin.Refused($"The {endpoint.RoleName} server {endpoint.Server}", tokens.Account,
                    replies.LastStatus ?? Pop3Failures.FirstLine(e.Message), secondToken, "POP"), e);
            }
            catch (Exception e) when (!(e is OperationCanceledException) && !(e is MigrationFailedException) && Pop3Failures.OfLogin(endpoint, replies.LastStatus, e) is { } failure)
            {
                throw failure;
            }
        }

        /// <summary>Ends the session politely (QUIT; nothing was marked for deletion); a connection already gone changes nothing.</summary>
        public static void Quit(Pop3Client client)
        {
            try
            {
                if (client.IsConnected)
                    client.Disconnect(true, CancellationToken.None);
            }
            catch (Exception e) when (ConnectionFaults.IsBroken(e) || e is Pop3CommandException)
            {
            }
            finally
            {
                client.Dispose();
            }
        }
    }
}
