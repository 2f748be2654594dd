using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Omm.Engine.Endpoints;

namespace Omm.Engine.Migrations
{
    /// <summary>Which item types an account (or file) holds, and so which can move between two of them.</summary>
    public static class ItemSupport
    {
        private static readonly ItemType[] Groupware = { ItemType.Contacts, ItemType.Calendar, ItemType.Tasks };

        public static IReadOnlyList<ItemType> Of(AccountEndpoint endpoint)
        {
            switch (endpoint.Type)
            {
                case ServerType.Imap:
                    return endpoint.DavUrl != null ? new[] { ItemType.Mail }.Concat(Groupware).ToArray() : new[] { ItemType.Mail };
                case ServerType.Dav:
                    return Groupware;
                case ServerType.File:
                    return OfFile(endpoint.Server);
                default:
                    return new ItemType[0];
            }
        }

        /// <summary>A PST holds everything; a .vcf contacts; a .ics events and tasks; mbox, .eml and folders mail.</summary>
        public static IReadOnlyList<ItemType> OfFile(string path)
        {
            if (Directory.Exists(path))
                return new[] { ItemType.Mail };
            switch (Path.GetExtension(path).ToLowerInvariant())
            {
                case ".pst":
                    return new[] { ItemType.Mail }.Concat(Groupware).ToArray();
                case ".vcf":
                case ".vcard":
                    return new[] { ItemType.Contacts };
                case ".ics":
                case ".ical":
                case ".ifb":
                    return new[] { ItemType.Calendar, ItemType.Tasks };
                default:
                    return new[] { ItemType.Mail };
            }
        }

        public static IReadOnlyList<ItemType> Between(AccountEndpoint source, AccountEndpoint destination) =>
            Of(source).Intersect(Of(destination)).ToList();

        public static bool IsGroupware(ItemType type) => Array.IndexOf(Groupware, type) >= 0;
    }
}
