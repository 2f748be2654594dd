using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Omm.Engine.Migrations;

namespace Omm.Engine.Connectors
{
    /// <summary>
    /// A source of contacts, calendars and tasks read collection by collection: a CalDAV/CardDAV account, a .vcf or
    /// .ics file, a PST's folders. The contacts/calendars/tasks pass needs only what it says of its collections and
    /// items; the protocol or format stays behind it. Used by one pass at a time.
    /// </summary>
    internal interface ICollectionSource : IDisposable
    {
        /// <summary>What the source is, for messages: a URL or a path.</summary>
        string Description { get; }

        /// <summary>Its address books, calendars and task lists, each with what tells whether it changed since a pass.</summary>
        /// <exception cref="MigrationFailedException">The source cannot be read: its kind says whether a retry may help.</exception>
        Task<IReadOnlyList<SourceCollection>> ListCollectionsAsync(CancellationToken cancellationToken);

        /// <summary>The items of a collection it listed, with their versions, before their content is read.</summary>
        /// <exception cref="MigrationFailedException">The source cannot be read.</exception>
        Task<IReadOnlyList<SourceEntry>> ListEntriesAsync(SourceCollection collection, CancellationToken cancellationToken);

        /// <summary>
        /// Reads items, in the order asked: one that cannot be read (invalid data, gone meanwhile, a request that keeps
        /// breaking) comes back with its <see cref="SourceItem.Error"/>, and the others are read all the same.
        /// </summary>
        /// <exception cref="MigrationFailedException">The source as a whole cannot be read.</exception>
        Task<IReadOnlyList<SourceItem>> ReadAsync(SourceCollection collection, IReadOnlyList<SourceEntry> entries, CancellationToken cancellationToken);
    }
}
