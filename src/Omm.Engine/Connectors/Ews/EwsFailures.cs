using System;
using System.Net;
using System.Security.Authentication;
using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;

namespace Omm.Engine.Connectors.Ews
{
    /// <summary>What a failure to talk to Exchange means for the pass, in words an admin can act on, naming the side.</summary>
    internal static class EwsFailures
    {
        public static MigrationFailedException Plaintext(AccountEndpoint endpoint) =>
            new MigrationFailedException(FailureKind.Security,
                $"The {endpoint.RoleName} EWS URL {endpoint.EwsUrl} is plain HTTP: the password would cross the network in clear, so nothing was sent. " +
                $"Give its https:// URL, or add -{Side(endpoint)}Security None if the network is trusted.");

        public static MigrationFailedException Unreachable(AccountEndpoint endpoint, string? certificateProblem, string operation, bool answeredBefore, Exception e)
        {
            var server = $"the {endpoint.RoleName} Exchange server {endpoint.EwsUrl}";
            if (Find<AuthenticationException>(e) != null)
            {
                return new MigrationFailedException(FailureKind.Security, certificateProblem != null
                    ? $"The certificate of {server} is not trusted: {certificateProblem}. If you trust this server, add -SkipCertificateCheck."
                    : $"The TLS handshake with {server} failed ({Innermost(e)}).", e);
            }

            return answeredBefore
                ? new MigrationFailedException(FailureKind.ConnectionLost, $"The connection to {server} broke during {operation}: {Innermost(e)} What was copied before stays.", e)
                : new MigrationFailedException(FailureKind.Connection, $"Cannot connect to {server}: {Innermost(e)}", e);
        }

        public static MigrationFailedException Broken(AccountEndpoint endpoint, string operation, Exception e) =>
            new MigrationFailedException(FailureKind.ConnectionLost,
                $"The connection to the {endpoint.RoleName} Exchange server {endpoint.EwsUrl} broke while reading the answer to {operation}: {Innermost(e)} " +
                "What was copied before stays.", e);

        public static MigrationFailedException Stalled(AccountEndpoint endpoint, string operation, bool answeredBefore, Exception e) =>
            new MigrationFailedException(answeredBefore ? FailureKind.ConnectionLost : FailureKind.Connection,
                $"The {endpoint.RoleName} Exchange server {endpoint.EwsUrl} sent nothing for {endpoint.StallTimeout.TotalSeconds:N0} s during {operation}; " +
                "the connection counts as broken.", e);

        /// <param name="loginTried">The schemes the login went by ("Basic, then NTLM").</param>
        public static MigrationFailedException OfStatus(AccountEndpoint endpoint, string login, HttpStatusCode status, string? reason, string mailbox,
            bool answeredBefore, string loginTried)
        {
            var server = $"The {endpoint.RoleName} Exchange server {endpoint.EwsUrl}";
            var code = $"HTTP {(int)status}{(string.IsNullOrEmpty(reason) ? "" : " " + reason)}";
            switch ((int)status)
            {
                case 401:
                    var managedNtlmOff = loginTried != "Basic" && ManagedNtlm.TurnedOffByHost
                        ? $" This PowerShell has the .NET switch {ManagedNtlm.Switch} off, so NTLM needs the system's gss-ntlmssp package."
                        : "";
                    return new MigrationFailedException(FailureKind.Authentication,
                        $"{server} rejected the login of '{login}' ({code}; tried {loginTried}). Check the login (often the full e-mail address, or DOMAIN\\user) " +
                        "and the password." + managedNtlmOff);
                case 403:
                    return new MigrationFailedException(FailureKind.Authentication,
                        $"{server} refused '{login}' access to Exchange Web Services for '{mailbox}' ({code}): EWS may be turned off for this mailbox " +
                        "(Set-CASMailbox -EwsEnabled) or for this client.");
                case 404:
                    return new MigrationFailedException(answeredBefore ? FailureKind.ConnectionLost : FailureKind.Connection,
                        $"{server} has no Exchange Web Services at this address ({code}). Give the server's host or its EWS URL (…/EWS/Exchange.asmx).");
                case 429:
                case 502:
                case 503:
                case 504:
                    return new MigrationFailedException(FailureKind.ServerUnavailable, $"{server} cannot serve requests for the moment ({code}).");
                default:
                    return new MigrationFailedException(FailureKind.Protocol, $"{server} answered an EWS request with {code}.");
            }
        }

        /// <summary>A SOAP fault: the account-wide ones become failures; others stay <see cref="EwsException"/>s for the caller.</summary>
        public static Exception OfFault(AccountEndpoint endpoint, string login, string mailbox, EwsException fault)
        {
            var server = $"The {endpoint.RoleName} Exchange server {endpoint.EwsUrl}";
            switch (fault.ResponseCode)
            {
                case "ErrorImpersonateUserDenied":
                    return new MigrationFailedException(FailureKind.Authentication,
                        $"{server} does not let '{login}' act on the mailbox '{mailbox}' ({fault.ResponseCode}: {fault.Message}). " +
                        $"Give '{login}' the ApplicationImpersonation role (New-ManagementRoleAssignment -Role ApplicationImpersonation -User {login}).", fault);
                case "ErrorNonExistentMailbox":
                case "ErrorMailboxNotFound":
                    return new MigrationFailedException(FailureKind.Authentication, $"{server} has no mailbox '{mailbox}' ({fault.ResponseCode}: {fault.Message}).", fault);
                case "ErrorAccessDenied":
                case "ErrorProxyRequestNotAllowed":
                    return new MigrationFailedException(FailureKind.Authentication,
                        $"{server} denied '{login}' access to the mailbox '{mailbox}' ({fault.ResponseCode}: {fault.Message}).", fault);
                case "ErrorQuotaExceeded":
                    return OverQuota(endpoint, mailbox, fault);
                case "ErrorInvalidServerVersion":
                    return new MigrationFailedException(FailureKind.Unsupported,
                        $"{server} is older than Exchange 2013 and does not take Omm's requests ({fault.Message}).", fault);
                case "ErrorMailboxMoveInProgress":
                case "ErrorMailboxStoreUnavailable":
                case "ErrorConnectionFailed":
                case "ErrorInternalServerTransientError":
                    return new MigrationFailedException(FailureKind.ServerUnavailable, $"{server} cannot serve '{mailbox}' for the moment ({fault.ResponseCode}: {fault.Message}).", fault);
                default:
                    return fault;
            }
        }

        public static MigrationFailedException OverQuota(AccountEndpoint endpoint, string mailbox, EwsException fault) =>
            new MigrationFailedException(FailureKind.OverQuota,
                $"The mailbox '{mailbox}' on the {endpoint.RoleName} Exchange server {endpoint.EwsUrl} is full ({fault.ResponseCode}: {fault.Message}). " +
                "Free space or raise its quota, then sync again: what was copied stays.", fault);

        /// <summary>An answer that does not have the shape EWS gives it.</summary>
        public static MigrationFailedException Garbled(AccountEndpoint endpoint, string doing, FormatException e) =>
            new MigrationFailedException(FailureKind.Protocol,
                $"The {endpoint.RoleName} Exchange server {endpoint.EwsUrl} answered something Omm cannot read while {doing}: {e.Message}", e);

        private static string Side(AccountEndpoint endpoint) => endpoint.Role == EndpointRole.Source ? "Source" : "Destination";

        private static T? Find<T>(Exception? e) where T : Exception
        {
            for (; e != null; e = e.InnerException)
            {
                if (e is T found)
                    return found;
            }

            return null;
        }

        private static string Innermost(Exception e)
        {
            while (e.InnerException != null)
                e = e.InnerException;
            return e.Message;
        }
    }
}
