using System;
using System.Collections.Generic;
using System.Linq;
using Omm.Engine.Calendars;
using Omm.Engine.Connectors.Dav;
using Omm.Engine.Connectors.Files.Pst;
using Omm.Engine.Contacts;
using Omm.Engine.Groupware;
using Omm.Engine.Migrations;

namespace Omm.Engine.Connectors.Files
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
                IReadOnlyList<PstFolder> top;
                try
                {
                    top = pst.Root.Subfolders;
                }
                catch (PstFormatException e)
                {
                    throw new MigrationFailedException(FailureKind.InvalidSource, $"'{Path}': the folder tree of the PST cannot be read: {e.Message}", e);
                }

                foreach (var folder in top)
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

        /// <summary>
        /// Adds the folder's collection, if it is a contacts, calendar or tasks folder, and goes on below it. A folder
        /// whose properties cannot be read is not one here: the mail import takes its items (as mail) and reports it.
        /// </summary>
        private static void Collect(PstFolder folder, string? parent, List<(SourceCollection, IReadOnlyList<SourceItem>)> found)
        {
            string name;
            string containerClass;
            try
            {
                name = folder.Name;
                containerClass = folder.ContainerClass ?? string.Empty;
            }
            catch (PstFormatException)
            {
                name = $"Folder NID 0x{folder.Nid:X}";
                containerClass = string.Empty;
            }

            var path = parent == null ? name : parent + "/" + name;
            SourceCollection? collection = null;
            if (PstGroupwareItems.IsContactFolder(containerClass))
                collection = new SourceCollection(path, DavCollectionKind.AddressBook, name, Array.Empty<string>(), isDefault: IsSpecial(folder, PstSpecialFolder.Contacts));
            else if (PstGroupwareItems.IsCalendarFolder(containerClass))
                collection = new SourceCollection(path, DavCollectionKind.Calendar, name, new[] { "VEVENT" }, isDefault: IsSpecial(folder, PstSpecialFolder.Calendar));
            else if (PstGroupwareItems.IsTaskFolder(containerClass))
                collection = new SourceCollection(path, DavCollectionKind.Calendar, name, new[] { "VTODO" }, isDefault: IsSpecial(folder, PstSpecialFolder.Tasks));

            IReadOnlyList<PstFolder> children;
            string? childrenLost = null;
            try
            {
                children = folder.Subfolders;
            }
            catch (PstFormatException e)
            {
                // The mail import reports it for every folder; here only where it is in a collection of the pass.
                children = Array.Empty<PstFolder>();
                childrenLost = $"The subfolders of '{path}' cannot be read, so their contacts, appointments and tasks were not imported: {e.Message}";
            }

            if (collection != null)
            {
                var items = Items(folder, collection, containerClass).ToList();
                if (childrenLost != null)
                    items.Add(SourceItem.Unreadable(new SourceEntry($"subfolders:{folder.Nid:X}", "", TypeOf(collection, isContact: false), "(subfolders)"), childrenLost));
                found.Add((collection, WithoutDuplicates(items)));
            }

            foreach (var child in children)
                Collect(child, path, found);
        }

        private static bool IsSpecial(PstFolder folder, PstSpecialFolder special)
        {
            try
            {
                return folder.Special == special;
            }
            catch (PstFormatException)
            {
                return false;
            }
        }

        /// <summary>The items of the collection's kind (others are the mail import's); one that cannot be read is an unreadable item, as is the rest of a list that breaks off.</summary>
        private static IEnumerable<SourceItem> Items(PstFolder folder, SourceCollection collection, string containerClass)
        {
            using var messages = folder.Messages().GetEnumerator();
            while (true)
            {
                string? brokenOff = null;
                try
                {
                    if (!messages.MoveNext())
                        break;
                }
                catch (PstFormatException e)
                {
                    brokenOff = $"The rest of the folder's items cannot be read: {e.Message}";
                }

                if (brokenOff != null)
                {
                    var type = TypeOf(collection, collection.Kind == DavCollectionKind.AddressBook);
                    yield return SourceItem.Unreadable(new SourceEntry($"rest:{folder.Nid:X}", "", type, "(the rest of the folder)"), brokenOff);
                    yield break;
                }

                var message = messages.Current;
                string? messageClass = null;
                string? unreadable = null;
                try
                {
                    messageClass = message.MessageClass;
                }
                catch (PstFormatException e)
                {
                    unreadable = $"The PST item cannot be read: {e.Message}";
                }

                if (unreadable != null)
                {
                    var key = $"nid:{message.Nid:X}";
                    yield return SourceItem.Unreadable(new SourceEntry(key, key, TypeOf(collection, collection.Kind == DavCollectionKind.AddressBook), message.ToString()), unreadable);
                }
                else if (PstGroupwareItems.TakesItem(containerClass, messageClass!))
                {
                    yield return Read(message, PstGroupwareItems.IsContact(messageClass!), collection);
                }
            }
        }

        private static ItemType TypeOf(SourceCollection collection, bool isContact) =>
            isContact ? ItemType.Contacts : collection.HoldsOnlyTasks ? ItemType.Tasks : ItemType.Calendar;

        private static SourceItem Read(PstMessage message, bool isContact, SourceCollection collection)
        {
            var key = $"nid:{message.Nid:X}";
            var type = TypeOf(collection, isContact);
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
