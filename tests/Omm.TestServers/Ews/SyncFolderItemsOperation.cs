using System.Globalization;
using System.Xml.Linq;

namespace Omm.TestServers.Ews;

/// <summary>
/// SyncFolderItems: compares the folder with what the given state told the client and reports at most
/// MaxChangesReturned changes (t:Create, t:Update, t:Delete, t:ReadFlagChange), with a new state holding what has now
/// been told. No state means "nothing told yet": every item is a Create. Items in Ignore count as told but are not reported.
/// </summary>
internal static class SyncFolderItemsOperation
{
    private enum Kind
    {
        Create,
        Update,
        Delete,
        ReadFlagChange,
    }

    private sealed record Change(Kind Kind, string ItemId, SyncEntry Entry, EwsItemSnapshot? Item);

    public static void Run(EwsOperationContext context, XElement request, EwsResponseWriter writer)
    {
        var shape = ItemShape.Parse(request.M("ItemShape"));
        if (shape.IncludeMimeContent)
        {
            writer.Error(new ResponseError("ErrorInvalidPropertyRequest", "MimeContent cannot be requested in SyncFolderItems."));
            return;
        }

        var max = int.Parse(request.M("MaxChangesReturned")!.Value.Trim(), CultureInfo.InvariantCulture);
        var ignored = (request.M("Ignore")?.Ts("ItemId") ?? []).Select(i => ((string?)i.Attribute("Id"))?.Trim()).OfType<string>().ToHashSet(StringComparer.Ordinal);
        List<Change> taken;
        var last = true;
        string token;
        lock (context.Gate)
        {
            var (folder, error) = FolderResolver.Resolve(context.Mailbox, FolderResolver.Ids(request.M("SyncFolderId")).FirstOrDefault());
            if (folder == null)
            {
                writer.Error(error!);
                return;
            }

            IReadOnlyDictionary<string, SyncEntry> known = new Dictionary<string, SyncEntry>(StringComparer.Ordinal);
            var stateText = request.M("SyncState")?.Value;
            if (!string.IsNullOrWhiteSpace(stateText))
            {
                var found = context.Server.SyncStates.Find(stateText, folder.Id);
                if (found == null)
                {
                    writer.Error(ResponseError.InvalidSyncState);
                    return;
                }

                known = found;
            }

            var all = Changes(folder, known);
            var told = new Dictionary<string, SyncEntry>(known, StringComparer.Ordinal);
            taken = [];
            var reported = 0;
            foreach (var change in all)
            {
                var skip = ignored.Contains(change.ItemId);
                if (!skip && reported == max)
                {
                    last = false;
                    break;
                }

                if (change.Kind == Kind.Delete)
                    told.Remove(change.ItemId);
                else
                    told[change.ItemId] = change.Entry;
                if (!skip)
                {
                    taken.Add(change);
                    reported++;
                }
            }

            token = context.Server.SyncStates.Add(folder.Id, told);
        }

        writer.BeginSuccess();
        writer.M("SyncState", token);
        writer.M("IncludesLastItemInRange", EwsXml.Bool(last));
        writer.StartM("Changes");
        foreach (var change in taken)
        {
            writer.StartT(change.Kind.ToString());
            switch (change.Kind)
            {
                case Kind.Create:
                case Kind.Update:
                    ItemXmlWriter.Write(writer, change.Item!, shape);
                    break;
                case Kind.Delete:
                    writer.StartT("ItemId");
                    writer.Xml.WriteAttributeString("Id", change.ItemId);
                    writer.End();
                    break;
                case Kind.ReadFlagChange:
                    writer.Id("ItemId", change.ItemId, change.Entry.ChangeKey);
                    writer.T("IsRead", EwsXml.Bool(change.Entry.IsRead));
                    break;
            }

            writer.End();
        }

        writer.End();
        writer.EndMessage();
    }

    private static List<Change> Changes(EwsFolder folder, IReadOnlyDictionary<string, SyncEntry> known)
    {
        var changes = new List<Change>();
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in folder.Items)
        {
            present.Add(item.Id);
            var entry = new SyncEntry(item.ChangeNumber, item.ContentVersion, item.IsRead, item.ChangeKey);
            if (!known.TryGetValue(item.Id, out var told))
                changes.Add(new Change(Kind.Create, item.Id, entry, item.Snapshot()));
            else if (told.ContentVersion != item.ContentVersion)
                changes.Add(new Change(Kind.Update, item.Id, entry, item.Snapshot()));
            else if (told.IsRead != item.IsRead)
                changes.Add(new Change(Kind.ReadFlagChange, item.Id, entry, null));
            else if (told.ChangeNumber != item.ChangeNumber)
                changes.Add(new Change(Kind.Update, item.Id, entry, item.Snapshot()));
        }

        foreach (var (id, entry) in known)
        {
            if (!present.Contains(id))
                changes.Add(new Change(Kind.Delete, id, entry, null));
        }

        return changes;
    }
}
