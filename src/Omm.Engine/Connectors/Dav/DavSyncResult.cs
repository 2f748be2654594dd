using System;
using System.Collections.Generic;

namespace Omm.Engine.Connectors.Dav
{
    /// <summary>What changed in a collection since a sync-token (RFC 6578 sync-collection).</summary>
    public sealed class DavSyncResult
    {
        public DavSyncResult(string? syncToken, IReadOnlyList<DavResourceInfo> changed, IReadOnlyList<string> removed)
        {
            SyncToken = syncToken;
            Changed = changed ?? throw new ArgumentNullException(nameof(changed));
            Removed = removed ?? throw new ArgumentNullException(nameof(removed));
        }

        /// <summary>The token to ask with next time.</summary>
        public string? SyncToken { get; }

        /// <summary>Members created or changed since the token (all members for a first sync), with their ETags.</summary>
        public IReadOnlyList<DavResourceInfo> Changed { get; }

        /// <summary>Hrefs of members deleted since the token.</summary>
        public IReadOnlyList<string> Removed { get; }
    }
}
