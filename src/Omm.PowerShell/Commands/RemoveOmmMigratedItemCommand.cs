using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Security;
using Omm.Engine.Accounts;
using Omm.Engine.OAuth;
using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;
using Omm.Engine.Removal;
using Omm.Engine.State;
using Omm.PowerShell.Internal;

namespace Omm.PowerShell.Commands
{
    /// <summary>
    /// Deletes from the destination exactly what a migration copied (all of it, or from a sync point on),
    /// and the folders it created that end up empty.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "OmmMigratedItem", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(Migration))]
    public sealed class RemoveOmmMigratedItemCommand : OmmConnectingCmdlet
    {
        /// <summary>One migration or several (Remove-OmmMigratedItem id1,id2), each removed in turn.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(MigrationIdCompleter))]
        public string[] Id { get; set; } = Array.Empty<string>();

        /// <summary>Only items copied at this sync point or later. Not bound from the pipeline: a migration's own SyncPoint is its last pass.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int SyncPoint { get; set; } = 1;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Credential]
        public PSCredential? DestinationCredential { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? DestinationLogin { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [SecureStringTransformation]
        public SecureString? DestinationPassword { get; set; }

        /// <summary>The app the destination signs in through by OAuth2 (IMAP): a hashtable of <see cref="OAuthApp"/>'s settings.</summary>
        [Parameter]
        [OAuthAppTransformation]
        public OAuthApp? DestinationOAuth { get; set; }

        /// <summary>An OAuth2 access token the destination logs in with as it is.</summary>
        [Parameter]
        [SecureStringTransformation]
        public SecureString? DestinationAccessToken { get; set; }

        /// <summary>Removes without asking for confirmation.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Writes the migration afterwards.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var store = OpenState();
            foreach (var id in Id)
                Remove(store, id);
        }

        private void Remove(StateStore store, string id)
        {
            // An exact id: a pattern must not pick whichever migration matches first.
            var migration = store.Find(id);
            if (migration == null)
            {
                WriteError(new ErrorRecord(new ItemNotFoundException($"There is no migration '{id}' in {store.Path}."),
                    "MigrationNotFound", ErrorCategory.ObjectNotFound, id));
                return;
            }

            var remover = new MigratedItemRemover(store);
            RemovalPlan plan;
            try
            {
                plan = remover.Plan(migration.Id, SyncPoint);
            }
            catch (MigrationBusyException e)
            {
                WriteError(new ErrorRecord(e, "MigrationRunning", ErrorCategory.ResourceBusy, migration));
                return;
            }

            var approved = new HashSet<string>(StringComparer.Ordinal);
            var copiedBy = SyncPoint > 1 ? $", copied by migration {migration.Id} at sync point {SyncPoint} or later" : $", copied by migration {migration.Id}";
            foreach (var folder in plan.Folders)
            {
                var target = $"{folder.Items.Count} message(s) in '{folder.DestinationFolder}' of {migration.DestinationAccount} on {migration.DestinationServer}{copiedBy}";
                if ((Force && !WhatIfRequested()) || ShouldProcess(target, "Remove migrated items"))
                    approved.Add(folder.DestinationFolder);
            }

            foreach (var collection in plan.Collections)
            {
                var kinds = string.Join(", ", collection.Entries.GroupBy(e => e.ItemType).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()} item(s)"));
                var target = $"{kinds} in '{collection.DestinationHref}' of {migration.DestinationAccount} on {migration.DestinationDavUrl ?? migration.DestinationServer}{copiedBy}";
                if ((Force && !WhatIfRequested()) || ShouldProcess(target, "Remove migrated items"))
                    approved.Add(collection.DestinationHref);
            }

            if (plan.Count == 0)
                WriteVerbose($"Migration {migration.Id} has no copies recorded from sync point {SyncPoint} on.");
            if (WhatIfRequested() || (plan.Count > 0 && approved.Count == 0))
                return;

            var settings = store.GetConnectionSettings(migration.Id);
            var given = SideParameters.Logins(DestinationCredential, DestinationLogin, DestinationPassword, null, DestinationOAuth, DestinationAccessToken);
            AccountEndpoint destination;
            if (OAuthSides.Applies(settings.Destination.Options, given))
            {
                if (OAuthSides.Endpoint(settings.Destination, EndpointRole.Destination, given, () => null, settings.SkipCertificateCheck) is not AccountEndpoint signedIn)
                {
                    WriteError(new ErrorRecord(new ArgumentException("The destination signs in by OAuth2: give -DestinationOAuth with the app's secret, or -DestinationAccessToken."),
                        "DestinationCredentialMissing", ErrorCategory.InvalidArgument, settings.Destination.Server));
                    return;
                }

                destination = signedIn;
            }
            else
            {
                var credential = CredentialChoice.ParametersFirst(given, settings.Destination.Account, null, SideFields.Destination);
                if (credential == null)
                {
                    WriteError(new ErrorRecord(new ArgumentException("Give -DestinationCredential, or -DestinationLogin and -DestinationPassword."),
                        "DestinationCredentialMissing", ErrorCategory.InvalidArgument, settings.Destination.Server));
                    return;
                }

                destination = settings.Destination.Endpoint(EndpointRole.Destination, credential, settings.SkipCertificateCheck);
            }

            try
            {
                var result = RunOnWorker((observer, token) => remover.RemoveAsync(plan, approved, destination, observer, token));
                WriteVerbose($"Removed {result.Removed} copies of migration {migration.Id}" +
                             (result.AlreadyGone > 0 ? $" ({result.AlreadyGone} recorded copies were already gone)" : string.Empty) +
                             (result.DeletedFolders.Count > 0 ? $" and the emptied folders {string.Join(", ", result.DeletedFolders.Select(f => $"'{f}'"))}" : string.Empty) +
                             (result.DeletedCollections.Count > 0 ? $" and the emptied collections {string.Join(", ", result.DeletedCollections.Select(c => $"'{c}'"))}." : "."));
            }
            catch (MigrationFailedException e)
            {
                WriteError(new ErrorRecord(e, "RemovalFailed", ErrorCategories.Of(e.Kind), migration));
            }

            if (PassThru)
                WriteObject(store.Find(migration.Id));
        }

        private bool WhatIfRequested()
        {
            if (MyInvocation.BoundParameters.TryGetValue("WhatIf", out var value))
                return value is SwitchParameter whatIf && whatIf.IsPresent;
            return LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));
        }
    }
}
