using System;
using System.Collections.Generic;
using Omm.Engine.Connectors.Files.Pst.Ltp;
using Omm.Engine.Connectors.Files.Pst.Ndb;

namespace Omm.Engine.Connectors.Files.Pst.Messaging
{
    /// <summary>
    /// Which folder plays which role. The store names Outbox, Deleted Items and Sent Items by entry ID; the
    /// root folder and the Inbox carry the entry IDs of Calendar, Contacts, Journal, Notes, Tasks, Drafts and
    /// (in PidTagAdditionalRenEntryIds) Junk E-mail. The Inbox itself is the top-level mail folder holding
    /// those entry IDs. Folders still without a role get one from their container class, then (for the Inbox
    /// and other mail folders of stores that lack the entry IDs) from their English name, at the top level only.
    /// </summary>
    internal sealed class SpecialFolders
    {
        private readonly Dictionary<uint, PstSpecialFolder> _byNid = new Dictionary<uint, PstSpecialFolder>();
        private readonly HashSet<PstSpecialFolder> _assigned = new HashSet<PstSpecialFolder>();

        public PstSpecialFolder Of(PstFolder folder) => _byNid.TryGetValue(folder.Nid, out var special) ? special : PstSpecialFolder.None;

        public static SpecialFolders Resolve(PstFile file)
        {
            var result = new SpecialFolders();
            var store = file.StoreProperties;
            result.Assign(store, PropId.IpmOutboxEntryId, PstSpecialFolder.Outbox);
            result.Assign(store, PropId.IpmWastebasketEntryId, PstSpecialFolder.DeletedItems);
            result.Assign(store, PropId.IpmSentMailEntryId, PstSpecialFolder.SentItems);

            var topLevel = new List<PstFolder>();
            try
            {
                topLevel.AddRange(file.Root.Subfolders);
            }
            catch (PstFormatException)
            {
                // Without the top level there is nothing more to name.
            }

            // The Inbox is the top-level folder that carries the special entry IDs, like the root folder.
            PropertyContext? inbox = null;
            foreach (var folder in topLevel)
            {
                var properties = TryProperties(folder);
                if (properties != null && properties.Contains(PropId.IpmAppointmentEntryId) && !result._byNid.ContainsKey(folder.Nid))
                {
                    result.Set(folder.Nid, PstSpecialFolder.Inbox);
                    inbox = properties;
                    break;
                }
            }

            foreach (var source in new[] { TryOpen(file, 0x122), TryProperties(file.Root), inbox })
            {
                if (source == null)
                    continue;
                result.Assign(source, PropId.IpmAppointmentEntryId, PstSpecialFolder.Calendar);
                result.Assign(source, PropId.IpmContactEntryId, PstSpecialFolder.Contacts);
                result.Assign(source, PropId.IpmJournalEntryId, PstSpecialFolder.Journal);
                result.Assign(source, PropId.IpmNoteEntryId, PstSpecialFolder.Notes);
                result.Assign(source, PropId.IpmTaskEntryId, PstSpecialFolder.Tasks);
                result.Assign(source, PropId.IpmDraftsEntryId, PstSpecialFolder.Drafts);
                try
                {
                    var additional = source.Get(PropId.AdditionalRenEntryIds)?.AsMultipleVariable();
                    if (additional != null && additional.Count > 4)
                        result.Set(EntryId.ToNid(additional[4]), PstSpecialFolder.Junk);
                }
                catch (PstFormatException)
                {
                    // A damaged list names no Junk folder.
                }
            }

            foreach (var folder in topLevel)
            {
                if (result._byNid.ContainsKey(folder.Nid))
                    continue;
                string? containerClass, name;
                try
                {
                    containerClass = folder.ContainerClass;
                    name = folder.Name;
                }
                catch (PstFormatException)
                {
                    continue;
                }

                var special = ByClass(containerClass);
                if (special == PstSpecialFolder.None && (containerClass == null || containerClass.StartsWith("IPF.Note", StringComparison.OrdinalIgnoreCase)))
                    special = ByName(name);
                if (special != PstSpecialFolder.None && !result._assigned.Contains(special))
                    result.Set(folder.Nid, special);
            }

            return result;
        }

        private static PstSpecialFolder ByClass(string? containerClass)
        {
            if (containerClass == null)
                return PstSpecialFolder.None;
            if (containerClass.StartsWith("IPF.Appointment", StringComparison.OrdinalIgnoreCase))
                return PstSpecialFolder.Calendar;
            if (containerClass.StartsWith("IPF.Contact", StringComparison.OrdinalIgnoreCase))
                return PstSpecialFolder.Contacts;
            if (containerClass.StartsWith("IPF.Task", StringComparison.OrdinalIgnoreCase))
                return PstSpecialFolder.Tasks;
            if (containerClass.StartsWith("IPF.StickyNote", StringComparison.OrdinalIgnoreCase))
                return PstSpecialFolder.Notes;
            if (containerClass.StartsWith("IPF.Journal", StringComparison.OrdinalIgnoreCase))
                return PstSpecialFolder.Journal;
            return PstSpecialFolder.None;
        }

        private static PstSpecialFolder ByName(string name)
        {
            switch (name.Trim().ToLowerInvariant())
            {
                case "inbox":
                    return PstSpecialFolder.Inbox;
                case "outbox":
                    return PstSpecialFolder.Outbox;
                case "sent items":
                case "sent":
                case "sent mail":
                    return PstSpecialFolder.SentItems;
                case "deleted items":
                case "trash":
                    return PstSpecialFolder.DeletedItems;
                case "drafts":
                    return PstSpecialFolder.Drafts;
                case "junk e-mail":
                case "junk email":
                case "junk":
                case "spam":
                    return PstSpecialFolder.Junk;
                default:
                    return PstSpecialFolder.None;
            }
        }

        private static PropertyContext? TryOpen(PstFile file, uint nid)
        {
            try
            {
                return file.Database.FindNode(nid) == null ? null : new PropertyContext(LtpNode.Open(file.Database, nid, "root folder"));
            }
            catch (PstFormatException)
            {
                return null;
            }
        }

        private static PropertyContext? TryProperties(PstFolder folder)
        {
            try
            {
                return folder.Properties;
            }
            catch (PstFormatException)
            {
                return null;
            }
        }

        private void Assign(PropertyContext source, ushort id, PstSpecialFolder special)
        {
            try
            {
                Set(EntryId.ToNid(source.Get(id)?.AsBinary()), special);
            }
            catch (PstFormatException)
            {
                // A damaged entry ID names no folder.
            }
        }

        private void Set(uint? nid, PstSpecialFolder special)
        {
            if (nid == null || NidType.Of(nid.Value) != NidType.NormalFolder || _byNid.ContainsKey(nid.Value) || _assigned.Contains(special))
                return;
            _byNid[nid.Value] = special;
            _assigned.Add(special);
        }
    }
}
