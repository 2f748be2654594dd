using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Omm.Engine.Endpoints;

namespace Omm.Engine.Migrations
{
    /// <summary>
    /// Which item types each kind of account (or file) gives as a source and takes as a destination, and so which can
    /// move between two of them: what -Include defaults to, and the error for a pairing that can move nothing.
    /// </summary>
    public static class ItemSupport
    {
        private static readonly ItemType[] Groupware = { ItemType.Contacts, ItemType.Calendar, ItemType.Tasks };

        /// <summary>What the account or file holds that Omm can read.</summary>
        public static IReadOnlyList<ItemType> AsSource(AccountEndpoint endpoint)
        {
            switch (endpoint.Type)
            {
                case ServerType.File:
                    return OfFile(endpoint.Server);
                case ServerType.Pop3:
                    return new[] { ItemType.Mail };
                default:
                    return OfServer(endpoint);
            }
        }

        /// <summary>What Omm can write into the account: nothing into a file or a POP3 account.</summary>
        public static IReadOnlyList<ItemType> AsDestination(AccountEndpoint endpoint) =>
            endpoint.Type == ServerType.File || endpoint.Type == ServerType.Pop3 ? Array.Empty<ItemType>() : OfServer(endpoint);

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
            AsSource(source).Intersect(AsDestination(destination)).ToList();

        /// <summary>Why <paramref name="include"/> (null: whatever can move) cannot move from one side to the other, or null when it can.</summary>
        public static string? Refusal(AccountEndpoint source, AccountEndpoint destination, IReadOnlyCollection<ItemType>? include)
        {
            if (DestinationRefusal(destination) is string refusal)
                return refusal;
            var supported = Between(source, destination);
            var wanted = include ?? supported;
            var unsupported = wanted.Except(supported).ToList();
            if (wanted.Count > 0 && unsupported.Count == 0)
                return null;
            var what = unsupported.Count > 0 ? string.Join(", ", unsupported) : "anything";
            var said = $"{what} cannot be migrated from {Describe(source)} to {Describe(destination)}; " +
                          (supported.Count > 0 ? $"these can: {string.Join(", ", supported)}." : "give both a mail server or both a DAV URL.");
            var davMissing = new[] { source, destination }.Where(e => e.Type == ServerType.Imap && e.DavUrl == null)
                .Select(e => e.Role == EndpointRole.Source ? "-SourceDavUrl" : "-DestinationDavUrl").ToList();
            if (unsupported.Any(IsGroupware) && davMissing.Count > 0)
                said += $" Contacts, calendars and tasks of an IMAP account go over CalDAV/CardDAV: give {string.Join(" and ", davMissing)} (its DAV address).";
            return said;
        }

        /// <summary>Why nothing can be copied into <paramref name="destination"/> (a file, a POP3 account), or null when something can.</summary>
        public static string? DestinationRefusal(AccountEndpoint destination) =>
            AsDestination(destination).Count == 0 ? $"A {Describe(destination)} cannot be a destination: Omm copies into IMAP, Exchange and CalDAV/CardDAV accounts." : null;

        public static bool IsGroupware(ItemType type) => Array.IndexOf(Groupware, type) >= 0;

        /// <summary>"IMAP with DAV", "Pop3", "File" ...</summary>
        public static string Describe(AccountEndpoint endpoint) =>
            endpoint.Type == ServerType.Imap && endpoint.DavUrl != null ? "IMAP with DAV" : endpoint.Type.ToString();

        private static IReadOnlyList<ItemType> OfServer(AccountEndpoint endpoint)
        {
            switch (endpoint.Type)
            {
                case ServerType.Imap:
                    return endpoint.DavUrl != null ? new[] { ItemType.Mail }.Concat(Groupware).ToArray() : new[] { ItemType.Mail };
                case ServerType.Dav:
                    return Groupware;
                case ServerType.Exchange:
                case ServerType.Ovh:
                    return new[] { ItemType.Mail }.Concat(Groupware).ToArray();
                default:
                    return Array.Empty<ItemType>();
            }
        }
    }
}
