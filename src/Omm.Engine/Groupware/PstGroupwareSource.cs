using System;
using System.Collections.Generic;
using Omm.Engine.Calendars;
using Omm.Engine.Contacts;
using Omm.Engine.Dav;
using Omm.Engine.Migrations;
using Omm.Engine.Pst;

namespace Omm.Engine.Groupware
{
    /// <summary>
    /// The contact, calendar and task folders of a PST: contacts and distribution lists as vCards,
    /// appointments (with their recurrences and exceptions) and tasks as iCalendar, by the PST reader.
    /// </summary>
    internal sealed class PstGroupwareSource : FileGroupwareSource
    {
        public PstGroupwareSource(string path)
            : base(path)
        {
        }

        protected override IEnumerable<(SourceCollection Collection, IReadOnlyList<SourceItem> Items)> Load()
        {
            var found = new List<(SourceCollection, IReadOnlyList<SourceItem>)>();
            try
            {
                using var pst = PstFile.Open(Path);
                foreach (var folder in pst.Root.Subfolders)
                    Collect(folder, null, found);
            }
            catch (PstFormatException e)
            {
                throw new MigrationFailedException(FailureKind.InvalidSource, $"'{Path}' is not a readable PST file: {e.Message}", e);
            }
            catch (Exception e) when (e is System.IO.IOException || e is UnauthorizedAccessException)
            {
                throw new MigrationFailedException(FailureKind.InvalidSource, $"'{Path}' cannot be read: {e.Message}", e);
            }

            return found;
        }

        private static void Collect(PstFolder folder, string? parent, List<(SourceCollection, IReadOnlyList<SourceItem>)> found)
        {
            var name = folder.Name;
            var path = parent == null ? name : parent + "/" + name;
            var containerClass = folder.ContainerClass ?? string.Empty;
            SourceCollection? collection = null;
            if (containerClass.StartsWith("IPF.Contact", StringComparison.OrdinalIgnoreCase))
                collection = new SourceCollection(path, DavCollectionKind.AddressBook, name, Array.Empty<string>(), isDefault: folder.Special == PstSpecialFolder.Contacts);
            else if (containerClass.StartsWith("IPF.Appointment", StringComparison.OrdinalIgnoreCase))
                collection = new SourceCollection(path, DavCollectionKind.Calendar, name, new[] { "VEVENT" }, isDefault: folder.Special == PstSpecialFolder.Calendar);
            else if (containerClass.StartsWith("IPF.Task", StringComparison.OrdinalIgnoreCase))
                collection = new SourceCollection(path, DavCollectionKind.Calendar, name, new[] { "VTODO" }, isDefault: folder.Special == PstSpecialFolder.Tasks);

            if (collection != null)
                found.Add((collection, WithoutDuplicates(Items(folder, collection))));
            foreach (var child in folder.Subfolders)
                Collect(child, path, found);
        }

        private static IEnumerable<SourceItem> Items(PstFolder folder, SourceCollection collection)
        {
            foreach (var message in folder.Messages())
            {
                var messageClass = message.MessageClass;
                var isContact = messageClass.StartsWith("IPM.Contact", StringComparison.OrdinalIgnoreCase)
                                || messageClass.StartsWith("IPM.DistList", StringComparison.OrdinalIgnoreCase);
                var isCalendarItem = messageClass.StartsWith("IPM.Appointment", StringComparison.OrdinalIgnoreCase)
                                     || messageClass.StartsWith("IPM.Task", StringComparison.OrdinalIgnoreCase);
                if (collection.Kind == DavCollectionKind.AddressBook ? !isContact : !isCalendarItem)
                    continue;
                yield return Read(message, isContact, collection);
            }
        }

        private static SourceItem Read(PstMessage message, bool isContact, SourceCollection collection)
        {
            var key = $"nid:{message.Nid:X}";
            var type = isContact ? ItemType.Contacts : collection.HoldsOnlyTasks ? ItemType.Tasks : ItemType.Calendar;
            try
            {
                if (isContact)
                {
                    var card = VCard.Parse(message.ToVCard()).WithStableUid();
                    return SourceItem.Contact(new SourceEntry(key, ContentVersion.Of(card.Text), ItemType.Contacts, card.Name), card);
                }

                var calendar = CalendarObject.Parse(message.ToICalendar());
                return SourceItem.CalendarItem(new SourceEntry(key, ContentVersion.Of(calendar.Text), type, calendar.Summary), calendar, null);
            }
            catch (Exception e) when (e is PstFormatException || e is VCardFormatException || e is CalendarFormatException || e is InvalidOperationException)
            {
                var subject = SafeSubject(message);
                return SourceItem.Unreadable(new SourceEntry(key, key, type, subject == null ? message.ToString() : $"{subject} ({message})"),
                    $"The PST item cannot be read: {e.Message}");
            }
        }

        private static string? SafeSubject(PstMessage message)
        {
            try
            {
                return message.Subject;
            }
            catch (PstFormatException)
            {
                return null;
            }
        }
    }
}
