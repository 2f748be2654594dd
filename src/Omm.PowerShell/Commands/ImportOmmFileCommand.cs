using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
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
        public string? Project { get; set; }

        protected override void BeginProcessing()
        {
            capParameters = ThroughputCapParameters();
            store = OpenState();
            try
            {
                destination = ImportDestination.Parse(DestinationGiven(), SkipCertificateCheck);
            }
            catch (AccountRowException e)
            {
                ThrowTerminatingError(CommandLineErrors.Of(e));
            }

            if (ItemSupport.DestinationRefusal(destination!) is string refusal)
                ThrowTerminatingError(new ErrorRecord(new ArgumentException(refusal), "ItemTypeNotSupported", ErrorCategory.InvalidArgument, destination!.Type));
            session = ProjectSession.Open(store!, Project,
                new ProjectOptions { Include = Include?.Distinct().ToList(), ThrottleLimit = GivenThrottleLimit },
                null);
            StartScheduling(store!, session.ThrottleLimit, session.Notifier(null), MyInvocation.ExpectingInput || Path.Length > 1 ? "Importing files" : null);
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
                if (earlier != null && !Reuse(earlier, file, destination, include))
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

        /// <summary>
        /// Whether an earlier import of the same file into the same account takes this one's pass: yes when the
        /// destination is the same, or gives a side the earlier lacked (a DAV URL, a mail server), which the migration
        /// then gets; a destination that changes or drops a side is an error, as its copies are where the earlier
        /// one put them.
        /// </summary>
        private bool Reuse(Migration earlier, string file, AccountEndpoint destination, IReadOnlyList<ItemType> include)
        {
            var davUrl = destination.DavUrl?.AbsoluteUri;
            var types = earlier.Include.Union(include).ToList();
            // A side matters only for the items that go there: a .vcf imported again without the mail server is the same import.
            var mailMatters = types.Contains(ItemType.Mail);
            var davMatters = types.Any(ItemSupport.IsGroupware);
            var earlierHasMail = earlier.DestinationType == ServerType.Imap;
            var keepsMail = !mailMatters || !earlierHasMail
                            || (destination.Type == ServerType.Imap && string.Equals(earlier.DestinationServer, destination.Server, StringComparison.OrdinalIgnoreCase));
            var keepsDav = !davMatters || earlier.DestinationDavUrl == null || string.Equals(earlier.DestinationDavUrl, davUrl, StringComparison.OrdinalIgnoreCase);
            if (!keepsDav || !keepsMail)
            {
                var before = earlierHasMail
                    ? $"with the mail server {earlier.DestinationServer} and {(earlier.DestinationDavUrl == null ? "no DAV URL" : "the DAV URL " + earlier.DestinationDavUrl)}"
                    : $"with the DAV URL {earlier.DestinationDavUrl} alone";
                WriteError(new ErrorRecord(new ArgumentException(
                        $"'{file}' was imported into {destination.Account} before (migration {earlier.Id}) {before}; " +
                        "import it again with the same destination (adding a DAV URL or a mail server it lacked), or into another account."),
                    "DestinationChanged", ErrorCategory.InvalidArgument, file));
                return false;
            }

            var addsMail = mailMatters && !earlierHasMail && destination.Type == ServerType.Imap;
            var addsDav = davMatters && earlier.DestinationDavUrl == null && davUrl != null;
            if (addsMail || addsDav || types.Count > earlier.Include.Count)
            {
                var stored = store!.GetConnectionSettings(earlier.Id);
                store.WidenDestination(earlier.Id,
                    addsMail ? ServerType.Imap : stored.Destination.Type, addsMail ? destination.Server : stored.Destination.Server,
                    addsMail ? destination.Security : stored.Destination.Security, addsDav ? davUrl : stored.Destination.DavUrl, types);
                var added = new[] { addsMail ? "the mail server " + destination.Server : null, addsDav ? "the DAV URL " + davUrl : null }.Where(a => a != null).ToList();
                WriteVerbose($"Migration {earlier.Id} now " + (added.Count > 0 ? $"goes into {string.Join(" and ", added)} too, and " : string.Empty) +
                             $"copies {string.Join(", ", types)}.");
            }

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
