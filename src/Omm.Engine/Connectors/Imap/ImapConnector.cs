using System;
using System.Threading;
using System.Threading.Tasks;
using MailKit.Security;
using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;
using Omm.Engine.OAuth;

namespace Omm.Engine.Connectors.Imap
{
    /// <summary>Opens an authenticated IMAP connection to one side, or says precisely why it cannot.</summary>
    internal static class ImapConnector
    {
        private static readonly TimeSpan GreetingTimeout = TimeSpan.FromSeconds(30);

        /// <exception cref="MigrationFailedException">The server cannot be reached, refuses TLS or the login.</exception>
        public static async Task<SpoolingImapClient> ConnectAsync(AccountEndpoint endpoint, MessageSpool spool, CancellationToken cancellationToken)
        {
            var replies = ServerReplies.Of(endpoint).Watch();
            var client = new SpoolingImapClient(spool, replies) { Timeout = (int)endpoint.StallTimeout.TotalMilliseconds };
            var certificateCheck = new CertificateCheck(endpoint.SkipCertificateCheck);
            client.ServerCertificateValidationCallback = certificateCheck.Validate;
            try
            {
                await ConnectAsync(client, endpoint, certificateCheck, replies, cancellationToken).ConfigureAwait(false);
                await AuthenticateAsync(client, endpoint, replies, cancellationToken).ConfigureAwait(false);
                return client;
            }
            catch
            {
                client.Dispose();
                throw;
            }
        }

        private static async Task ConnectAsync(SpoolingImapClient client, AccountEndpoint endpoint, CertificateCheck certificateCheck, ServerReplyWatch replies,
            CancellationToken cancellationToken)
        {
            var side = $"the {endpoint.RoleName} server {endpoint.Server}";
            // A server greets within a second or two; one that says nothing is usually waiting for a TLS
            // handshake the client was not told to start, and should not hold the migration for minutes.
            var greeting = endpoint.StallTimeout < GreetingTimeout ? endpoint.StallTimeout : GreetingTimeout;
            try
            {
                var stream = await BufferedSocketStream.ConnectAsync(endpoint.Address.Host, endpoint.Port, greeting, cancellationToken).ConfigureAwait(false);
                try
                {
                    client.Timeout = (int)greeting.TotalMilliseconds;
                    await client.ConnectAsync(stream, endpoint.Address.Host, endpoint.Port, endpoint.SocketOptions, cancellationToken).ConfigureAwait(false);
                    client.Timeout = (int)endpoint.StallTimeout.TotalMilliseconds;
                    stream.ReadTimeout = client.Timeout;
                }
                catch
                {
                    stream.Dispose();
                    throw;
                }
            }
            catch (NotSupportedException e) when (endpoint.SocketOptions == SecureSocketOptions.StartTls)
            {
                throw new MigrationFailedException(FailureKind.Security,
                    $"Cannot connect securely to {side}: it does not offer STARTTLS. Use -{endpoint.Role}Security Tls for implicit TLS " +
                    $"(usually port 993), or -{endpoint.Role}Security None only on a network you trust.", e);
            }
            catch (SslHandshakeException e) when (e.ServerCertificate != null)
            {
                throw new MigrationFailedException(FailureKind.Security,
                    $"The certificate of {side} is not trusted (subject '{e.ServerCertificate.Subject}', issued by '{e.ServerCertificate.Issuer}'): " +
                    $"{certificateCheck.Problem ?? FirstLine(e.InnerException?.Message ?? e.Message)}. If you trust this server, add -SkipCertificateCheck.", e);
            }
            catch (SslHandshakeException e)
            {
                throw new MigrationFailedException(FailureKind.Security,
                    $"The TLS handshake with {side} failed; it does not seem to speak TLS on port {endpoint.Port}: the server did not answer with TLS. " +
                    $"Try -{endpoint.Role}Security StartTls (or None on a network you trust), or the port it offers TLS on (usually 993).", e);
            }
            catch (Exception e) when (!(e is OperationCanceledException) && ConnectionFaults.IsBroken(e) && ImapFailures.IsTemporary(replies.Bye))
            {
                throw new MigrationFailedException(FailureKind.ServerUnavailable,
                    $"The {endpoint.RoleName} server {endpoint.Server} turned the connection away for the moment: BYE {replies.Bye}", e);
            }
            catch (Exception e) when (!(e is OperationCanceledException) && ConnectionFaults.IsBroken(e) && e.InnerException is TimeoutException
                                      && endpoint.SocketOptions != SecureSocketOptions.SslOnConnect)
            {
                throw new MigrationFailedException(FailureKind.Connection,
                    $"Cannot connect to {side}: it sent no IMAP greeting within {greeting.TotalSeconds:0.#} s. If this port expects TLS from the " +
                    $"first byte (as 993 does), use -{endpoint.Role}Security Tls.", e);
            }
            catch (Exception e) when (!(e is OperationCanceledException) && ConnectionFaults.IsBroken(e))
            {
                throw new MigrationFailedException(FailureKind.Connection, $"Cannot connect to {side}: {FirstLine(e.Message)}", e);
            }
        }

        private static async Task AuthenticateAsync(SpoolingImapClient client, AccountEndpoint endpoint, ServerReplyWatch replies, CancellationToken cancellationToken)
        {
            // Asked again for every connection: a token refreshed meanwhile is the one used.
            if (OAuthLogins.TokenSourceFor(endpoint) is IAccessTokenSource tokens)
            {
                await AuthenticateAsync(client, endpoint, tokens, replies, cancellationToken).ConfigureAwait(false);
                return;
            }

            try
            {
                // Once (SingleLogin): a wrong password is one failed login on the account, not three, each delayed by the server.
                if (SingleLogin.Mechanism(client.AuthenticationMechanisms, endpoint.Credential) is SaslMechanism sasl)
                {
                    await client.AuthenticateAsync(sasl, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    client.AuthenticationMechanisms.Clear();
                    await client.AuthenticateAsync(endpoint.Credential, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (AuthenticationException e) when (ImapFailures.IsTemporary(replies.LastCompletion))
            {
                throw new MigrationFailedException(FailureKind.ServerUnavailable,
                    $"The {endpoint.RoleName} server {endpoint.Server} refused the login of '{endpoint.Account}' for the moment: {replies.LastCompletion}", e);
            }
            catch (AuthenticationException e)
            {
                throw new MigrationFailedException(FailureKind.Authentication,
                    $"The {endpoint.RoleName} server {endpoint.Server} rejected the login of '{endpoint.Account}': {FirstLine(e.Message)} " +
                    $"Omm tried once. Check -{endpoint.Role}Login and the password; some providers want an app password, or IMAP enabled for the account.", e);
            }
            catch (NotSupportedException e)
            {
                throw new MigrationFailedException(FailureKind.Security,
                    $"The {endpoint.RoleName} server {endpoint.Server} offers no way to log in on this connection ({FirstLine(e.Message)}). " +
                    "Servers often refuse plaintext logins without TLS.", e);
            }
            catch (Exception e) when (!(e is OperationCanceledException) && ConnectionFaults.IsBroken(e))
            {
                throw ImapFailures.ConnectionLost(endpoint, "logging in", e);
            }
        }

        private static async Task AuthenticateAsync(SpoolingImapClient client, AccountEndpoint endpoint, IAccessTokenSource tokens, ServerReplyWatch replies,
            CancellationToken cancellationToken)
        {
            var secondToken = false;
            try
            {
                await TokenLogin.AuthenticateAsync(client, tokens, endpoint.Address.Host, endpoint.Port, $"the {endpoint.RoleName} server {endpoint.Server}",
                    () => ImapFailures.IsTemporary(replies.LastCompletion), () => secondToken = true, cancellationToken).ConfigureAwait(false);
            }
            catch (AuthenticationException e) when (ImapFailures.IsTemporary(replies.LastCompletion))
            {
                throw new MigrationFailedException(FailureKind.ServerUnavailable,
                    $"The {endpoint.RoleName} server {endpoint.Server} refused the login of '{tokens.Account}' for the moment: {replies.LastCompletion}", e);
            }
            catch (AuthenticationException e)
            {
                throw new MigrationFailedException(FailureKind.Authentication, TokenLogin.Refused($"The {endpoint.RoleName} server {endpoint.Server}", tokens.Account,
                    replies.LastCompletion?.ToString() ?? FirstLine(e.Message), secondToken, "IMAP"), e);
            }
            catch (Exception e) when (!(e is OperationCanceledException) && !(e is MigrationFailedException) && ConnectionFaults.IsBroken(e))
            {
                throw ImapFailures.ConnectionLost(endpoint, "logging in", e);
            }
        }

        internal static string FirstLine(string message)
        {
            var end = message.IndexOfAny(new[] { '\r', '\n' });
            return (end < 0 ? message : message.Substring(0, end)).Trim();
        }
    }
}
