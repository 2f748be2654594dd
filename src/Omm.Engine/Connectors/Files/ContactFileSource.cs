using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Omm.Engine.Connectors.Dav;
using Omm.Engine.Contacts;
using Omm.Engine.Groupware;
using Omm.Engine.Migrations;

namespace Omm.Engine.Connectors.Files
{
    /// <summary>
    /// A .vcf file: its cards (vCard 2.1, 3.0 or 4.0) as one address book. A card that cannot be read is an item
    /// error and the others are copied; a property that cannot be read is left out of its card, with a warning.
    /// </summary>
    internal sealed class ContactFileSource : FileGroupwareSource
    {
        public ContactFileSource(string path)
            : base(path)
        {
        }

        protected override IEnumerable<(SourceCollection Collection, IReadOnlyList<SourceItem> Items)> Load()
        {
            VCardFile file;
            try
            {
                using var stream = File.OpenRead(Path);
                file = VCardFile.Read(stream);
            }
            catch (VCardFormatException e)
            {
                throw new MigrationFailedException(FailureKind.InvalidSource, $"'{Path}' is not a vCard file: {e.Problem}", e);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new MigrationFailedException(FailureKind.InvalidSource, $"'{Path}' cannot be read: {e.Message}", e);
            }

            var cards = file.Cards.Select(card => card.WithStableUid()).Select(card =>
                (card.LineNumber, SourceItem.Contact(new SourceEntry(card.Uid!, ContentVersion.Of(card.SourceText), ItemType.Contacts, card.Name), card)));
            var unreadable = file.Unreadable.Select(u => (u.LineNumber, UnreadableItem(u, ItemType.Contacts)));
            var items = WithFileNotes(cards.Concat(unreadable), file.StrayText.Select(s => s.ToProblem()), ItemType.Contacts);
            var collection = new SourceCollection("contacts", DavCollectionKind.AddressBook, "Contacts", Array.Empty<string>(), isDefault: true);
            yield return (collection, WithoutDuplicates(items));
        }
    }
}
