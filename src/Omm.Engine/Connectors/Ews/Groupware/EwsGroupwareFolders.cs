using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Omm.Engine.Migrations;

namespace Omm.Engine.Connectors.Ews.Groupware
{
    /// <summary>
    /// The contacts, calendar and task folders of a mailbox (classes IPF.Contact, IPF.Appointment, IPF.Task exactly: the
    /// subclasses are Exchange's own, such as the Recipient Cache), the mailbox's own Contacts, Calendar and Tasks first.
    /// </summary>
    internal sealed class EwsGroupwareFolders
    {
        private static readonly (string Name, ItemType Type)[] Defaults = { ("contacts", ItemType.Contacts), ("calendar", ItemType.Calendar), ("tasks", ItemType.Tasks) };

        private readonly List<EwsGroupwareFolder> folders;

        private EwsGroupwareFolders(List<EwsGroupwareFolder> folders)
        {
            this.folders = folders;
        }

        public IReadOnlyList<EwsGroupwareFolder> Folders => folders;

        /// <exception cref="MigrationFailedException">Exchange will not list them, or answers what Omm cannot read.</exception>
        public static async Task<EwsGroupwareFolders> LoadAsync(EwsClient client, CancellationToken cancellationToken)
        {
            try
            {
                var defaults = await EwsFolderCalls.GetAsync(client, Defaults.Select(d => d.Name).ToList(), cancellationToken).ConfigureAwait(false);
                var all = await EwsFolderCalls.FindAllAsync(client, EwsDistinguishedFolders.Root, cancellationToken).ConfigureAwait(false);
                var found = new List<EwsGroupwareFolder>();
                var defaultIds = new HashSet<string>(StringComparer.Ordinal);
                for (var i = 0; i < Defaults.Length; i++)
                {
                    if (defaults[i] is EwsFolder folder)
                    {
                        found.Add(new EwsGroupwareFolder(folder, Defaults[i].Type, true));
                        defaultIds.Add(folder.Id);
                    }
                }

                foreach (var folder in all)
                {
                    if (!defaultIds.Contains(folder.Id) && EwsGroupwareClasses.FolderType(folder.FolderClass) is ItemType type)
                        found.Add(new EwsGroupwareFolder(folder, type, false));
                }

                return new EwsGroupwareFolders(found);
            }
            catch (EwsException e)
            {
                throw new MigrationFailedException(FailureKind.Protocol,
                    $"{client.SideCapitalised} would not list the contacts, calendar and task folders of '{client.Mailbox}' ({e.ResponseCode}: {e.Message}).", e);
            }
            catch (FormatException e)
            {
                throw EwsFailures.Garbled(client.Endpoint, "listing the folders", e);
            }
        }

        public EwsGroupwareFolder? Find(string id) => folders.FirstOrDefault(f => f.Folder.Id == id);

        public EwsGroupwareFolder? Default(ItemType type) => folders.FirstOrDefault(f => f.IsDefault && f.Type == type);

        /// <summary>The folder of <paramref name="type"/> named <paramref name="name"/>, the default one first.</summary>
        public EwsGroupwareFolder? Named(ItemType type, string name) =>
            folders.FirstOrDefault(f => f.Type == type && string.Equals(f.Folder.DisplayName, name, StringComparison.OrdinalIgnoreCase));

        public void Add(EwsGroupwareFolder folder) => folders.Add(folder);
    }
}
