using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Omm.Engine.ContentLines;
using Omm.Engine.Groupware;

namespace Omm.Engine.Connectors.Files
{
    /// <summary>
    /// A source read from a file in one go: its collections and all their items are loaded on first use
    /// (contacts and calendars are small next to mail). Collections without items are left out.
    /// </summary>
    internal abstract class FileGroupwareSource : ICollectionSource
    {
        private List<(SourceCollection Collection, IReadOnlyList<SourceItem> Items)>? loaded;

        protected FileGroupwareSource(string path)
        {
            Path = path;
        }

        protected string Path { get; }

        public string Description => Path;

        public Task<IReadOnlyList<SourceCollection>> ListCollectionsAsync(CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<SourceCollection>>(Loaded().Select(c => c.Collection).ToList());

        public Task<IReadOnlyList<SourceEntry>> ListEntriesAsync(SourceCollection collection, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<SourceEntry>>(ItemsOf(collection).Select(i => i.Entry).ToList());

        public Task<IReadOnlyList<SourceItem>> ReadAsync(SourceCollection collection, IReadOnlyList<SourceEntry> entries, CancellationToken cancellationToken)
        {
            var wanted = new HashSet<string>(entries.Select(e => e.Key), StringComparer.Ordinal);
            return Task.FromResult<IReadOnlyList<SourceItem>>(ItemsOf(collection).Where(i => wanted.Contains(i.Entry.Key)).ToList());
        }

        /// <exception cref="Migrations.MigrationFailedException">The file cannot be read at all.</exception>
        protected abstract IEnumerable<(SourceCollection Collection, IReadOnlyList<SourceItem> Items)> Load();

        /// <summary>Keys must be unique in a collection: a second item with the same UID is an item error, not a silent overwrite.</summary>
        protected static IReadOnlyList<SourceItem> WithoutDuplicates(IEnumerable<SourceItem> items)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var result = new List<SourceItem>();
            foreach (var item in items)
            {
                if (seen.Add(item.Entry.Key))
                {
                    result.Add(item);
                    continue;
                }

                var occurrence = 2;
                while (!seen.Add($"{item.Entry.Key}#{occurrence}"))
                    occurrence++;
                var entry = new SourceEntry($"{item.Entry.Key}#{occurrence}", item.Entry.Version, item.Type, item.Name);
                result.Add(SourceItem.Unreadable(entry, $"Another item before it has the same UID ({item.Uid}); a server keeps one item per UID, so this one was not copied.")
                    .WithNotes(item.Notes));
            }

            return result;
        }

        /// <summary>An item of the file that could not be read: an item error that names it by what could be read of it and its line.</summary>
        protected static SourceItem UnreadableItem(UnreadableComponent component, ItemType type) =>
            SourceItem.Unreadable(
                new SourceEntry($"unreadable:line {component.LineNumber}", ContentVersion.Of(component.SourceText.Length > 0 ? component.SourceText : component.ToString()), type, component.Description),
                $"It could not be read and was not copied: {component}.");

        /// <summary>
        /// The items in file order, with what the file holds outside them (lines that belong to no item) said on the
        /// first readable item after it, else the last before it: a warning of the item nearest to where it is.
        /// </summary>
        protected static List<SourceItem> WithFileNotes(IEnumerable<(int Line, SourceItem Item)> items, IEnumerable<ContentLineProblem> notes, ItemType type)
        {
            var ordered = items.OrderBy(i => i.Line).ToList();
            if (ordered.Count == 0)
            {
                // No item to say it on: what was left out is an item error of its own.
                return notes.Where(n => n.Dropped).Select(n => SourceItem.Unreadable(
                    new SourceEntry($"unreadable:line {n.LineNumber}", ContentVersion.Of(n.ToString()), type, $"line {n.LineNumber}"), n.ToString())).ToList();
            }

            var attached = ordered.Select(_ => new List<string>()).ToList();
            foreach (var note in notes)
            {
                var target = ordered.FindIndex(i => i.Item.Error == null && i.Line > note.LineNumber);
                if (target < 0)
                    target = ordered.FindLastIndex(i => i.Item.Error == null);
                if (target < 0)
                    target = 0;
                attached[target].Add(note.ToString());
            }

            return ordered.Select((i, n) => i.Item.WithNotes(attached[n])).ToList();
        }

        /// <summary>Nothing to release: the file was read whole.</summary>
        public void Dispose()
        {
        }

        private IReadOnlyList<SourceItem> ItemsOf(SourceCollection collection) =>
            Loaded().First(c => ReferenceEquals(c.Collection, collection) || c.Collection.Key == collection.Key).Items;

        private List<(SourceCollection Collection, IReadOnlyList<SourceItem> Items)> Loaded() =>
            loaded ??= Load().Where(c => c.Items.Count > 0).ToList();
    }
}
