using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Omm.Engine.Calendars;
using Omm.Engine.Connectors.Dav;
using Omm.Engine.Groupware;
using Omm.Engine.Migrations;

namespace Omm.Engine.Connectors.Files
{
    /// <summary>
    /// A .ics file: its events (and journal entries) as one calendar, its tasks as one task list, one resource per
    /// UID. An item that cannot be read is an item error and the others are copied; a property that cannot be
    /// read is left out of its component, with a warning.
    /// </summary>
    internal sealed class CalendarFileSource : FileGroupwareSource
    {
        public CalendarFileSource(string path)
            : base(path)
        {
        }

        protected override IEnumerable<(SourceCollection Collection, IReadOnlyList<SourceItem> Items)> Load()
        {
            CalendarFile file;
            try
            {
                using var stream = File.OpenRead(Path);
                file = CalendarFile.Read(stream);
            }
            catch (CalendarFormatException e)
            {
                throw new MigrationFailedException(FailureKind.InvalidSource, $"'{Path}' is not an iCalendar file: {e.Problem}", e);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new MigrationFailedException(FailureKind.InvalidSource, $"'{Path}' cannot be read: {e.Message}", e);
            }

            var objects = file.Objects;
            var items = objects.Select(o => (o.Components[0].LineNumber, SourceItem.CalendarItem(
                new SourceEntry(o.Uid, ContentVersion.Of(o.Text), o.Kind == CalendarItemKind.Todo ? ItemType.Tasks : ItemType.Calendar, o.Summary), o, null))).ToList();
            // What is not an item (free/busy, availability, unknown components) is said, not dropped silently.
            items.AddRange(file.Skipped.Select(skipped => (skipped.LineNumber, SourceItem.Unreadable(
                new SourceEntry($"skipped:{skipped.Name}:{skipped.LineNumber}", "skipped", ItemType.Calendar, $"{skipped.Name} at line {skipped.LineNumber}"),
                $"Not copied: {skipped.Reason}"))));
            items.AddRange(file.Unreadable.Select(u => (u.LineNumber,
                UnreadableItem(u, CalendarObject.KindOf(u.Name) == CalendarItemKind.Todo ? ItemType.Tasks : ItemType.Calendar))));
            var all = WithFileNotes(items, file.Warnings, ItemType.Calendar);
            var eventComponents = objects.Any(o => o.Kind == CalendarItemKind.Journal) ? new[] { "VEVENT", "VJOURNAL" } : new[] { "VEVENT" };
            yield return (new SourceCollection("calendar", DavCollectionKind.Calendar, "Calendar", eventComponents, isDefault: true),
                WithoutDuplicates(all.Where(i => i.Type != ItemType.Tasks)));
            yield return (new SourceCollection("tasks", DavCollectionKind.Calendar, "Tasks", new[] { "VTODO" }, isDefault: true),
                WithoutDuplicates(all.Where(i => i.Type == ItemType.Tasks)));
        }
    }
}
