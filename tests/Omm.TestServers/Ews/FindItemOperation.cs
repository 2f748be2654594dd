using System.Xml.Linq;

namespace Omm.TestServers.Ews;

/// <summary>
/// FindItem, Shallow, newest received first (Exchange's default view order), paged by IndexedPageItemView at most
/// 1,000 a page. Restrictions and sort orders are not evaluated: a request with a Restriction or QueryString is refused
/// rather than answered wrongly. A CalendarView lists a calendar's items and occurrences in a time range (<see cref="CalendarView"/>).
/// </summary>
internal static class FindItemOperation
{
    public static void Run(EwsOperationContext context, XElement request, EwsResponseWriter writer)
    {
        if (request.M("Restriction") != null || request.M("QueryString") != null)
            throw EwsFault.InvalidRequest("The EWS test server does not evaluate FindItem restrictions or query strings.");
        var shape = ItemShape.Parse(request.M("ItemShape"));
        var traversal = (string?)request.Attribute("Traversal");
        var pages = new List<(ResponseError? Error, IndexedPage? Page, List<EwsItemSnapshot> Items)>();
        lock (context.Gate)
        {
            foreach (var id in FolderResolver.Ids(request.M("ParentFolderIds")))
            {
                var (folder, error) = FolderResolver.Resolve(context.Mailbox, id);
                if (folder == null)
                {
                    pages.Add((error, null, []));
                    continue;
                }

                if (request.M("CalendarView") is { } view)
                {
                    var expanded = traversal == "Shallow" ? CalendarView.Expand(folder, view) : [];
                    var max = CalendarView.MaxEntries(view);
                    pages.Add((null, new IndexedPage(0, Math.Min(max, expanded.Count), expanded.Count, false), expanded.Take(max).ToList()));
                    continue;
                }

                var items = traversal == "Shallow"
                    ? folder.Items.Select((item, order) => (item, order)).OrderByDescending(x => x.item.Received).ThenByDescending(x => x.order).Select(x => x.item).ToList()
                    : [];
                var page = IndexedPage.Of(request.M("IndexedPageItemView"), items.Count);
                pages.Add((null, page, items.Skip(page.Start).Take(page.Count).Select(i => i.Snapshot()).ToList()));
            }
        }

        foreach (var (error, page, items) in pages)
        {
            if (error != null)
            {
                writer.Error(error);
                continue;
            }

            writer.BeginSuccess();
            writer.StartM("RootFolder");
            page!.WriteAttributes(writer);
            writer.StartT("Items");
            foreach (var item in items)
                ItemXmlWriter.Write(writer, item, shape);
            writer.End();
            writer.End();
            writer.EndMessage();
        }
    }
}
