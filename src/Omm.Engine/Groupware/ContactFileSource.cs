using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Omm.Engine.Contacts;
using Omm.Engine.Dav;
using Omm.Engine.Migrations;

namespace Omm.Engine.Groupware
{
    /// <summary>A .vcf file: its cards (vCard 2.1, 3.0 or 4.0) as one address book.</summary>
    internal sealed class ContactFileSource : FileGroupwareSource
    {
        public ContactFileSource(string path)
            : base(path)
        {
        }

        protected override IEnumerable<(SourceCollection Collection, IReadOnlyList<SourceItem> Items)> Load()
        {
            IReadOnlyList<VCard> cards;
            try
            {
                using var stream = File.OpenRead(Path);
                cards = VCard.ReadAll(stream);
            }
            catch (VCardFormatException e)
            {
                throw new MigrationFailedException(FailureKind.InvalidSource, $"'{Path}' is not a readable vCard file: {e.Message}", e);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new MigrationFailedException(FailureKind.InvalidSource, $"'{Path}' cannot be read: {e.Message}", e);
            }

            var items = cards.Select(card => card.WithStableUid()).Select(card =>
                SourceItem.Contact(new SourceEntry(card.Uid!, ContentVersion.Of(card.Text), ItemType.Contacts, card.Name), card));
            var collection = new SourceCollection("contacts", DavCollectionKind.AddressBook, "Contacts", Array.Empty<string>(), isDefault: true);
            yield return (collection, WithoutDuplicates(items));
        }
    }
}
