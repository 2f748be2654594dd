using System;
using System.Collections.Generic;
using Omm.Engine.Connectors.Dav;

namespace Omm.Engine.Connectors.Dav
{
    /// <summary>Hrefs compared in their canonical form (<see cref="DavHref.Canonical"/>): percent-encoding spelt either way is the same href.</summary>
    internal sealed class DavHrefComparer : IEqualityComparer<string>
    {
        public static readonly DavHrefComparer Instance = new DavHrefComparer();

        private DavHrefComparer()
        {
        }

        public bool Equals(string? x, string? y) =>
            x == null || y == null ? ReferenceEquals(x, y) : DavHref.Same(x, y);

        public int GetHashCode(string href) => StringComparer.Ordinal.GetHashCode(DavHref.Canonical(href));
    }
}
