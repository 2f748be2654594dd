using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;

namespace Omm.Engine.Connectors.Ews
{
    /// <summary>One page of SyncFolderItems changes.</summary>
    internal sealed class EwsSyncPage
    {
        public EwsSyncPage(IReadOnlyList<EwsMailItem> changed, IReadOnlyList<string> readChanged, IReadOnlyList<string> deleted, string? syncState, bool last)
        {
            Changed = changed;
            ReadChanged = readChanged;
            Deleted = deleted;
            SyncState = syncState;
            Last = last;
        }

        /// <summary>Items created or changed, with their properties.</summary>
        public IReadOnlyList<EwsMailItem> Changed { get; }

        /// <summary>Items only marked read or unread (ids alone).</summary>
        public IReadOnlyList<string> ReadChanged { get; }

        public IReadOnlyList<string> Deleted { get; }

        /// <summary>The state after this page.</summary>
        public string? SyncState { get; }

        /// <summary>Whether no change is left after this page.</summary>
        public bool Last { get; }

        /// <summary>Reads a SyncFolderItemsResponseMessage; <paramref name="asked"/> is the state the call gave.</summary>
        public static EwsSyncPage Read(EwsResponseMessage message, string? asked)
        {
            var changed = new List<EwsMailItem>();
            var readChanges = new List<string>();
            var deleted = new List<string>();
            foreach (var change in message.Element.Element(EwsNames.M + "Changes")?.Elements() ?? Enumerable.Empty<XElement>())
            {
                switch (change.Name.LocalName)
                {
                    case "Create":
                    case "Update":
                        if (change.Elements().FirstOrDefault() is XElement item)
                            changed.Add(EwsMailItem.Parse(item));
                        break;
                    case "ReadFlagChange":
                        if ((string?)change.Element(EwsNames.T + "ItemId")?.Attribute("Id") is string readId)
                            readChanges.Add(readId);
                        break;
                    case "Delete":
                        if ((string?)change.Element(EwsNames.T + "ItemId")?.Attribute("Id") is string deletedId)
                            deleted.Add(deletedId);
                        break;
                }
            }

            return new EwsSyncPage(changed, readChanges, deleted, (string?)message.Element.Element(EwsNames.M + "SyncState") ?? asked,
                (string?)message.Element.Element(EwsNames.M + "IncludesLastItemInRange") != "false");
        }
    }
}
