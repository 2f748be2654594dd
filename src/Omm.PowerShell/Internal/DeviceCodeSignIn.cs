using System;
using System.Management.Automation;
using System.Threading;
using Omm.Engine.Accounts;
using Omm.Engine.Migrations;
using Omm.Engine.OAuth;

namespace Omm.PowerShell.Internal
{
    /// <summary>
    /// A side whose OAuth app signs one user in by device code: the provider's "open this page and enter this code" is
    /// shown, the cmdlet waits for the sign-in, and the refresh token it gives becomes the side's secret (sealed in a
    /// project like a password). Runs on the pipeline thread: the message goes through the cmdlet's own streams.
    /// </summary>
    internal static class DeviceCodeSignIn
    {
        /// <summary>Whether the command line asks a side to sign in by device code.</summary>
        public static bool Wanted(OAuthApp? app) => app?.DeviceCode == true;

        /// <summary>Signs the side's user in and puts the result into <paramref name="given"/>; an error record when it cannot.</summary>
        /// <param name="oneAccount">False when rows name the accounts: a device code signs in one user, not a list.</param>
        public static ErrorRecord? Complete(Cmdlet cmdlet, OAuthApp app, SideDefaults given, string side, bool oneAccount, CancellationToken cancellationToken)
        {
            var parameter = char.ToUpperInvariant(side[0]) + side.Substring(1);
            var login = given.Login ?? given.Credential?.UserName;
            if (!oneAccount || string.IsNullOrEmpty(login))
            {
                return new ErrorRecord(new ArgumentException(
                        $"A device code sign-in ({parameter}OAuth with DeviceCode) signs in one user: give -{parameter}Login with that mailbox, and no account rows. " +
                        $"For many accounts, use the tenant's app (client credentials or a service account)."),
                    "DeviceCodeNeedsOneAccount", ErrorCategory.InvalidArgument, app.ToString());
            }

            try
            {
                var settings = OAuthApps.Of(app).ForAccount(login!, side);
                var flow = new DeviceCodeFlow();
                var started = flow.StartAsync(settings, cancellationToken).GetAwaiter().GetResult();
                cmdlet.WriteInformation(new HostInformationMessage { Message = $"{login} ({side}): {started.Message}" }, new[] { "PSHOST" });
                var tokens = flow.PollAsync(started, cancellationToken).GetAwaiter().GetResult();
                if (tokens.RefreshToken == null)
                    throw new MigrationFailedException(FailureKind.Authentication,
                        $"The {side} sign-in of {login} gave no refresh token, so later connections could not renew it: add the offline_access scope (Microsoft) or use the default scope.");
                OAuthTokenCache.Shared.Remember(settings, tokens);
                var signedIn = settings.WithRefreshToken(tokens.RefreshToken);
                given.OAuth = signedIn.ApplyTo(null);
                given.OAuthSecret = signedIn.Secret;
                cmdlet.WriteVerbose($"{login} signed in ({side}, {signedIn}).");
                return null;
            }
            catch (OperationCanceledException)
            {
                throw new PipelineStoppedException();
            }
            catch (MigrationFailedException e)
            {
                return new ErrorRecord(e, "SignInFailed", ErrorCategory.AuthenticationError, login);
            }
        }
    }
}
