using System.Globalization;
using System.Xml.Linq;

namespace Omm.TestServers.Ews;

/// <summary>
/// An IndexedPageFolderView / IndexedPageItemView: MaxEntriesReturned, Offset, BasePoint (Beginning or End), capped
/// at Exchange's EWSFindCountLimit of 1,000. No view means everything (up to the cap).
/// </summary>
internal sealed record IndexedPage(int Start, int Count, int Total, bool HasView)
{
    public const int FindCountLimit = 1000;

    public bool IncludesLast => Start + Count >= Total;

    public int NextOffset => Start + Count;

    public static IndexedPage Of(XElement? view, int total)
    {
        if (view == null)
            return new IndexedPage(0, Math.Min(total, FindCountLimit), total, false);
        var max = Math.Min(Number(view, "MaxEntriesReturned") ?? FindCountLimit, FindCountLimit);
        var offset = Math.Max(0, Number(view, "Offset") ?? 0);
        if ((string?)view.Attribute("BasePoint") == "End")
        {
            var end = Math.Max(0, total - offset);
            var start = Math.Max(0, end - max);
            return new IndexedPage(start, end - start, total, true);
        }

        var from = Math.Min(offset, total);
        return new IndexedPage(from, Math.Min(max, total - from), total, true);
    }

    private static int? Number(XElement view, string attribute) =>
        int.TryParse((string?)view.Attribute(attribute), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>Writes m:RootFolder's paging attributes as Exchange does (IndexedPagingOffset only for an indexed view).</summary>
    public void WriteAttributes(EwsResponseWriter writer)
    {
        if (HasView)
            writer.Xml.WriteAttributeString("IndexedPagingOffset", NextOffset.ToString(CultureInfo.InvariantCulture));
        writer.Xml.WriteAttributeString("TotalItemsInView", Total.ToString(CultureInfo.InvariantCulture));
        writer.Xml.WriteAttributeString("IncludesLastItemInRange", EwsXml.Bool(IncludesLast));
    }
}
