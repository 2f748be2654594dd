using System;
using System.Threading;
using System.Threading.Tasks;
using MailKit.Net.Pop3;
using Omm.Engine.Endpoints;

namespace Omm.Engine.Connectors.Pop3
{
    /// <summary>Opens an authenticated POP3 session, or says precisely why it cannot; ends one with QUIT.</summary>
    internal static class Pop3Session
    {
        /// <exception cref="Migrations.MigrationFailedException">The server cannot be reached, refuses TLS or the login.</exception>
        public static async Task<Pop3Client> OpenAsync(AccountEndpoint endpoint, CancellationToken cancellationToken)
        {
            var replies = new Pop3ReplyWatch();
            var client = new Pop3Client(replies) { Timeout = (int)endpoint.StallTimeout.TotalMilliseconds };
            var certificateCheck = new CertificateCheck(endpoint.SkipCertificateCheck);
            client.ServerCertificateValidationCallback = certificateCheck.Validate;
            try
            {
                try
                {
                    // With StartTls, MailKit ends the connection before any login when the server offers no STLS.
                    await client.ConnectAsync(endpoint.Address.Host, endpoint.Port, endpoint.SocketOptions, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (!(e is OperationCanceledException) && Pop3Failures.OfConnecting(endpoint, certificateCheck, e) is { } failure)
                {
                    throw failure;
                }

                try
                {
                    await client.AuthenticateAsync(endpoint.Credential, cancellationToken).ConfigureAwait(false);
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

        /// <summary>Ends the session politely (QUIT; nothing was marked for deletion); a connection already gone changes nothing.</summary>
        public static void Quit(Pop3Client client)
        {
            try
            {
                if (client.IsConnected)
                    client.Disconnect(true, CancellationToken.None);
            }
            catch (Exception e) when (Pop3Failures.IsConnectionFault(e) || e is Pop3CommandException)
            {
            }
            finally
            {
                client.Dispose();
            }
        }
    }
}
