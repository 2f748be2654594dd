using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Security;
using Omm.Engine.Accounts;
using Omm.Engine.Connectors.Files;
using Omm.Engine.Endpoints;
using Omm.Engine.Folders;
using Omm.Engine.Migrations;
using Omm.Engine.Projects;
using Omm.Engine.State;
using Omm.PowerShell.Internal;

namespace Omm.PowerShell.Commands
{
    /// <summary>
    /// Imports export files (PST, mbox, .eml or folders of them) into a destination account. Each file
    /// is a migration like any other; importing the same file into the same account again adds nothing.
    /// </summary>
    [Cmdlet(VerbsData.Import, "OmmFile")]
    [OutputType(typeof(Migration))]
    public sealed class ImportOmmFileCommand : OmmDestinationCmdlet
    {
        private StateStore? store;
        private ProjectSession? session;
        private AccountEndpoint? destination;
        private (double? MaxMessagesPerSecond, long? MaxBytesPerSecond) capParameters;

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName", "PSPath")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = Array.Empty<string>();

        [Parameter]
        public ItemType[]? Include { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ProjectNameCompleter))]
        public string? Project { get; set; }

        /// <summary>Opens the OAuth2 secret the project keeps for its destinations (see New-OmmMigration -DestinationOAuth).</summary>
        [Parameter]
        [SecureStringTransformation]
        public SecureString? ProjectPassword { get; set; }

        protected override void BeginProcessing()
        {
            capParameters = ThroughputCapParameters();
            store = OpenState();
            try
            {
                session = ProjectSession.Open(store!, Project,
                    new ProjectOptions { Include = Include?.Distinct().ToList(), ThrottleLimit = GivenThrottleLimit },
                    SideParameters.Plain(ProjectPassword), setUpKey: false);
            }
            catch (ProjectPasswordException e)
            {
                ThrowTerminatingError(new ErrorRecord(e, "ProjectPasswordWrong", ErrorCategory.SecurityError, Project));
            }

            try
            {
                var given = DestinationGiven();
                if (given.OAuth.Count == 0)
                    session!.ApplyStoredOAuth(EndpointRole.Destination, given);
                if (DeviceCodeSignIn.Wanted(DestinationOAuth) && DeviceCodeSignIn.Complete(this, DestinationOAuth!, given, "destination", true, StopToken) is ErrorRecord failed)
                    ThrowTerminatingError(failed);
                destination = ImportDestination.Parse(given, SkipCertificateCheck);
            }
            catch (AccountRowException e)
            {
                ThrowTerminatingError(CommandLineErrors.Of(e));
            }
            catch (ProjectPasswordException e)
            {
                ThrowTerminatingError(new ErrorRecord(e, "ProjectPasswordWrong", ErrorCategory.SecurityError, Project));
            }

            if (ItemSupport.DestinationRefusal(destination!) is string refusal)
                ThrowTerminatingError(new ErrorRecord(new ArgumentException(refusal), "ItemTypeNotSupported", ErrorCategory.InvalidArgument, destination!.Type));
            if (destination!.NeedsDiscovery)
            {
                var steps = new List<string>();
                try
                {
                    destination = ServerDiscovery.Resolve(destination, steps, StopToken);
                }
                catch (MigrationFailedException e)
                {
                    steps.ForEach(WriteVerbose);
                    ThrowTerminatingError(new ErrorRecord(e, "ServerNotFound", ErrorCategory.ObjectNotFound, destination.Account));
                }

                steps.ForEach(WriteVerbose);
            }

            StartScheduling(store!, session!.ThrottleLimit, session.Notifier(null), MyInvocation.ExpectingInput || Path.Length > 1 ? "Importing files" : null);
        }

        protected override void ProcessRecord()
        {
            foreach (var file in Resolve())
            {
                if (!ArchiveOpener.IsSupported(file) && !ItemSupport.OfFile(file).Any(ItemSupport.IsGroupware))
                {
                    WriteError(new ErrorRecord(new ArgumentException($"'{file}' is not a file Omm imports: give a .pst, .mbox, .eml, .vcf or .ics file, or a folder of .eml or .mbox files."),
                        "UnsupportedFile", ErrorCategory.InvalidArgument, file));
                    continue;
                }

                var source = AccountEndpoint.ForFile(file);
                var destination = this.destination!;
                var supported = ItemSupport.Between(source, destination);
                var include = session!.Include?.Intersect(ItemSupport.OfFile(file)).ToList() ?? supported;
                if (include.Count == 0 || include.Except(supported).Any())
                {
                    var missing = include.Count == 0 ? ItemSupport.OfFile(file) : include.Except(supported).ToList();
                    var needs = missing.All(ItemSupport.IsGroupware) ? "-DestinationDavUrl" : "-DestinationServer";
                    WriteError(new ErrorRecord(new ArgumentException($"'{file}' holds {string.Join(", ", missing)}, which this destination cannot take: give {needs}."),
                        "ItemTypeNotSupported", ErrorCategory.InvalidArgument, file));
                    continue;
                }

                if (!HoldsAnythingFor(file, destination))
                    continue;
                var settings = ConnectionSettings.Of(source, destination, SkipCertificateCheck);
                var earlier = MigrationPairs.FindExisting(store!, settings, include)?.Existing;
                if (earlier != null && !TakenByEarlier(earlier, file, destination, include))
                    continue;

                var caps = new ThroughputCaps(earlier?.MaxMessagesPerSecond, earlier?.MaxBytesPerSecond)
                    .With(capParameters.MaxMessagesPerSecond, capParameters.MaxBytesPerSecond);
                var id = earlier?.Id ?? store!.CreateMigration(new NewMigration(Project, settings, include, session.IncludeFolders, session.ExcludeFolders, caps)).Id;
                if (earlier != null && (caps.MaxMessagesPerSecond != earlier.MaxMessagesPerSecond || caps.MaxBytesPerSecond != earlier.MaxBytesPerSecond))
                    store!.SetThroughputCaps(id, caps);
                if (caps.IsCapped)
                    WriteVerbose($"Migration {id} copies mail {caps}.");
                WriteVerbose(earlier != null
                    ? $"'{file}' was imported into {destination.Account} before (migration {id}); this pass adds only what is missing."
                    : $"Created migration {id} for '{file}'.");
                Schedule(id, source, destination);
            }
        }

        protected override void EndProcessing()
        {
            FinishScheduling();
            session?.Dispose();
            base.EndProcessing();
        }

        /// <summary>
        /// Whether the file holds anything the destination can take; writes an error naming what it cannot take
        /// (a PST of contacts alone without a DAV URL) when it holds only that.
        /// </summary>
        private bool HoldsAnythingFor(string file, AccountEndpoint destination)
        {
            IReadOnlyList<LeftOutFolder> leftOut;
            bool anythingTaken;
            try
            {
                (leftOut, anythingTaken) = LeftOutItems.Find(file, destination, new FolderFilter(session!.IncludeFolders, session.ExcludeFolders));
            }
            catch (Exception e) when (!(e is PipelineStoppedException) && !(e is OutOfMemoryException))
            {
                // Counting only decides whether to go on; the pass fails naming what is wrong with the file.
                WriteVerbose($"Could not count what '{file}' holds: {e.Message}");
                return true;
            }

            if (anythingTaken || leftOut.Count == 0)
                return true;
            WriteError(new ErrorRecord(new ArgumentException($"'{file}' holds nothing this destination can take, so no migration was created: " +
                                                             string.Join("; ", leftOut.Select(f => $"{f.Items} ({f.Reason})")) + "."),
                "ItemTypeNotSupported", ErrorCategory.InvalidArgument, file));
            return false;
        }

        /// <summary>Whether the earlier import of the file takes this one's pass, as <see cref="EarlierImport"/> says; writes why not.</summary>
        private bool TakenByEarlier(Migration earlier, string file, AccountEndpoint destination, IReadOnlyList<ItemType> include)
        {
            var taken = EarlierImport.Take(store!, earlier, file, destination, include);
            if (taken.Refusal != null)
            {
                WriteError(new ErrorRecord(new ArgumentException(taken.Refusal), "DestinationChanged", ErrorCategory.InvalidArgument, file));
                return false;
            }

            if (taken.Widening != null)
                WriteVerbose($"Migration {earlier.Id} {taken.Widening}");
            return true;
        }

        private IEnumerable<string> Resolve()
        {
            foreach (var path in Path)
            {
                var resolved = new List<string>();
                try
                {
                    resolved.AddRange(SessionState.Path.GetResolvedProviderPathFromPSPath(path, out _));
                }
                catch (ItemNotFoundException e)
                {
                    WriteError(new ErrorRecord(e, "FileNotFound", ErrorCategory.ObjectNotFound, path));
                }

                foreach (var file in resolved)
                    yield return System.IO.Path.GetFullPath(file);
            }
        }
    }
}
