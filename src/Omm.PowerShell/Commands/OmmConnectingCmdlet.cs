using System;
using System.Management.Automation;
using System.Net;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;
using Omm.Engine.State;
using Omm.PowerShell.Internal;

namespace Omm.PowerShell.Commands
{
    /// <summary>Cmdlets that log in to mail servers: builds endpoints from parameters and runs engine work off the pipeline thread.</summary>
    public abstract class OmmConnectingCmdlet : OmmCmdlet
    {
        private readonly CancellationTokenSource stop = new CancellationTokenSource();

        protected CancellationToken StopToken => stop.Token;

        protected override void StopProcessing() => stop.Cancel();

        protected override void EndProcessing() => stop.Dispose();

        /// <summary>Builds one side's endpoint, or writes an error (bad server, no credential) and returns null.</summary>
        protected MailEndpoint? Endpoint(EndpointRole role, ServerType type, string server, ConnectionSecurity security,
            PSCredential? credential, string? login, SecureString? password, bool skipCertificateCheck)
        {
            var side = role == EndpointRole.Source ? "Source" : "Destination";
            ServerAddress address;
            try
            {
                address = ServerAddress.Parse(server);
            }
            catch (FormatException e)
            {
                WriteError(new ErrorRecord(e, $"Invalid{side}Server", ErrorCategory.InvalidArgument, server));
                return null;
            }

            NetworkCredential networkCredential;
            if (credential != null && credential != PSCredential.Empty)
                networkCredential = credential.GetNetworkCredential();
            else if (!string.IsNullOrEmpty(login) && password != null)
                networkCredential = new NetworkCredential(login, password);
            else
            {
                WriteError(new ErrorRecord(
                    new ArgumentException($"Give -{side}Credential, or -{side}Login and -{side}Password."),
                    $"{side}CredentialMissing", ErrorCategory.InvalidArgument, server));
                return null;
            }

            return new MailEndpoint(role, type, address, security, networkCredential, skipCertificateCheck);
        }

        /// <summary>Runs engine work on a worker thread; its reports are written here, on the pipeline thread.</summary>
        protected T RunOnWorker<T>(Func<IMigrationObserver, CancellationToken, Task<T>> work)
        {
            using var pump = new PipelinePump();
            var observer = new CmdletMigrationObserver(this, pump);
            return pump.Run(() => work(observer, stop.Token));
        }

        /// <summary>Runs one pass of a migration in the foreground and writes the migration as it ends.</summary>
        protected void RunPass(StateStore store, string id, MailEndpoint source, MailEndpoint destination)
        {
            PassResult result;
            try
            {
                result = RunOnWorker((observer, token) => new MigrationRunner(store).RunPassAsync(id, source, destination, observer, token));
            }
            catch (MigrationBusyException e)
            {
                WriteError(new ErrorRecord(e, "MigrationRunning", ErrorCategory.ResourceBusy, id));
                return;
            }

            if (result.Failure != null)
                WriteError(new ErrorRecord(result.Failure, "MigrationFailed", ErrorCategories.Of(result.Failure.Kind), result.Migration)
                {
                    ErrorDetails = new ErrorDetails($"Migration {result.Migration.Id} failed: {result.Failure.Message}"),
                });
            WriteObject(result.Migration);
        }
    }
}
