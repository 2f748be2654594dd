using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Omm.Engine.Groupware
{
    /// <summary>Where contacts, calendars and tasks come from: a CalDAV/CardDAV account, a .vcf or .ics file, a PST.</summary>
    internal abstract class GroupwareSource : IDisposable
    {
        /// <summary>What the source is, for messages: a URL or a path.</summary>
        public abstract string Description { get; }

        public abstract Task<IReadOnlyList<SourceCollection>> ListCollectionsAsync(CancellationToken cancellationToken);

        public abstract Task<IReadOnlyList<SourceEntry>> ListEntriesAsync(SourceCollection collection, CancellationToken cancellationToken);

        /// <summary>Reads items; one that cannot be read comes back with its <see cref="SourceItem.Error"/>.</summary>
        public abstract Task<IReadOnlyList<SourceItem>> ReadAsync(SourceCollection collection, IReadOnlyList<SourceEntry> entries, CancellationToken cancellationToken);

        public virtual void Dispose()
        {
        }
    }
}
