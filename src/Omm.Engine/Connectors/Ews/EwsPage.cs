using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;

namespace Omm.Engine.Connectors.Ews
{
    /// <summary>One page of FindFolder or FindItem (an indexed view): its entries and where the next page starts.</summary>
    internal sealed class EwsPage<T>
    {
        private EwsPage(IReadOnlyList<T> entries, bool last, int nextOffset)
        {
            Entries = entries;
            Last = last;
            NextOffset = nextOffset;
        }

        public IReadOnlyList<T> Entries { get; }

        /// <summary>IncludesLastItemInRange, or an empty page.</summary>
        public bool Last { get; }

        public int NextOffset { get; }

        /// <param name="container">"Folders" or "Items", the element of RootFolder that holds the entries.</param>
        /// <param name="offset">The offset the page was asked at.</param>
        public static EwsPage<T> Read(EwsResponseMessage message, string container, Func<XElement, T> parse, int offset)
        {
            var root = message.Element.Element(EwsNames.M + "RootFolder")
                       ?? throw new FormatException($"<{message.Element.Name.LocalName}> has no RootFolder.");
            var entries = root.Element(EwsNames.T + container)?.Elements().Select(parse).ToList() ?? new List<T>();
            var next = int.TryParse((string?)root.Attribute("IndexedPagingOffset"), out var given) && given > offset ? given : offset + entries.Count;
            return new EwsPage<T>(entries, (string?)root.Attribute("IncludesLastItemInRange") != "false" || entries.Count == 0, next);
        }
    }
}
