using System;
using System.Collections.Generic;
using System.Text;
using Omm.Engine.Connectors.Files.Pst.Ltp;
using Omm.Engine.Connectors.Files.Pst.Ndb;

namespace Omm.Engine.Connectors.Files.Pst.Messaging
{
    /// <summary>
    /// A message as stored: its property context, and its recipient and attachment tables in subnodes 0x692
    /// and 0x671. Serves top-level messages and embedded ones (attachment method 5) alike.
    /// </summary>
    internal sealed class MessageObject
    {
        private const uint RecipientTableNid = 0x692;
        private const uint AttachmentTableNid = 0x671;

        private List<PstRecipient>? _recipients;
        private (List<PstAttachment> Readable, List<PstFormatException> Damage)? _attachments;

        public MessageObject(PstFile file, LtpNode node, int depth)
        {
            File = file;
            Node = node;
            Depth = depth;
            Properties = new PropertyContext(node);
            Ansi = Encodings.ForCodePage(Properties.Get(PropId.MessageCodepage)?.AsInt32()
                ?? Properties.Get(PropId.InternetCodepage)?.AsInt32());
        }

        public PstFile File { get; }

        public LtpNode Node { get; }

        /// <summary>0 for a message in a folder, 1 for a message attached to it, and so on.</summary>
        public int Depth { get; }

        public PropertyContext Properties { get; }

        /// <summary>The code page of this message's 8-bit strings.</summary>
        public Encoding Ansi { get; }

        public string Description => Node.Description;

        public string? GetString(ushort id) => Properties.Get(id)?.AsString(Ansi);

        public int? GetInt32(ushort id) => Properties.Get(id)?.AsInt32();

        public bool? GetBoolean(ushort id) => Properties.Get(id)?.AsBoolean();

        public DateTimeOffset? GetTime(ushort id) => Properties.Get(id)?.AsTime();

        public byte[]? GetBinary(ushort id) => Properties.Get(id)?.AsBinary();

        public PropertyValue? GetNamed(Guid set, uint lid)
        {
            var id = File.NamedProperties.Find(set, lid);
            return id.HasValue ? Properties.Get(id.Value) : null;
        }

        public PropertyValue? GetNamed(Guid set, string name)
        {
            var id = File.NamedProperties.Find(set, name);
            return id.HasValue ? Properties.Get(id.Value) : null;
        }

        public string? GetNamedString(Guid set, uint lid) => GetNamed(set, lid)?.AsString(Ansi);

        public IReadOnlyList<PstRecipient> Recipients => _recipients ??= ReadRecipients();

        /// <summary>The attachments; throws <see cref="PstFormatException"/> if any of them cannot be read.</summary>
        public IReadOnlyList<PstAttachment> Attachments
        {
            get
            {
                var (readable, damage) = _attachments ??= ReadAttachments();
                if (damage.Count > 0)
                    throw damage[0];
                return readable;
            }
        }

        /// <summary>The attachments that can be read; each one that cannot is said in <paramref name="leftOut"/>.</summary>
        public IReadOnlyList<PstAttachment> ReadableAttachments(ICollection<string> leftOut)
        {
            var (readable, damage) = _attachments ??= ReadAttachments();
            foreach (var e in damage)
                leftOut.Add($"An attachment cannot be read and was left out: {e.Message}");
            return readable;
        }

        /// <summary>
        /// Picks the address to show: the SMTP address when there is one, else the stored address when it
        /// looks like an Internet address, else (an EX legacyDN or nothing) null.
        /// </summary>
        public static string? InternetAddress(string? addressType, string? address, string? smtp)
        {
            if (!string.IsNullOrWhiteSpace(smtp) && smtp!.IndexOf('@') > 0)
                return smtp.Trim();
            if (!string.IsNullOrWhiteSpace(address) && address!.IndexOf('@') > 0
                && !string.Equals(addressType, "EX", StringComparison.OrdinalIgnoreCase))
                return address.Trim();
            return null;
        }

        private List<PstRecipient> ReadRecipients()
        {
            var result = new List<PstRecipient>();
            var node = Node.TryOpenSubnode(RecipientTableNid, "recipient table");
            if (node == null)
                return result;
            var table = new TableContext(node);
            for (var i = 0; i < table.RowCount; i++)
            {
                var row = table.GetRow(i);
                var kind = row.Get(PropId.RecipientType)?.AsInt32() ?? 1;
                var name = row.Get(PropId.DisplayName)?.AsString(Ansi) ?? row.Get(PropId.RecipientDisplayName)?.AsString(Ansi);
                var type = row.Get(PropId.AddressType)?.AsString(Ansi);
                var address = row.Get(PropId.EmailAddress)?.AsString(Ansi);
                var smtp = row.Get(PropId.SmtpAddress)?.AsString(Ansi);
                var kindValue = (kind & 0x0F) switch
                {
                    2 => PstRecipientKind.Cc,
                    3 => PstRecipientKind.Bcc,
                    _ => PstRecipientKind.To,
                };
                var internet = InternetAddress(type, address, smtp);
                result.Add(new PstRecipient(kindValue, name, internet ?? address, type, internet));
            }

            return result;
        }

        private (List<PstAttachment>, List<PstFormatException>) ReadAttachments()
        {
            var result = new List<PstAttachment>();
            var damage = new List<PstFormatException>();
            var nids = new List<uint>();
            var tableNode = Node.TryOpenSubnode(AttachmentTableNid, "attachment table");
            PstFormatException? tableDamage = null;
            if (tableNode != null)
            {
                try
                {
                    var table = new TableContext(tableNode);
                    for (var i = 0; i < table.RowCount; i++)
                        nids.Add(table.RowId(i));
                }
                catch (PstFormatException e)
                {
                    tableDamage = e;
                    nids.Clear();
                    Node.Db.AddWarning($"The attachment table of {Description} is damaged; its attachments were found among its subnodes: {e.Message}");
                }
            }

            if (tableNode == null || tableDamage != null)
            {
                // No table, or a damaged one: the attachments are the subnodes of type ATTACHMENT.
                var found = new List<uint>();
                foreach (var nid in Node.Subnodes.Nids)
                {
                    if (NidType.Of(nid) == NidType.Attachment)
                        found.Add(nid);
                }

                found.Sort();
                if (tableDamage != null && found.Count == 0)
                    damage.Add(new PstFormatException($"The attachment table of {Description} is damaged and no attachment was found among its subnodes: {tableDamage.Message}", tableDamage));
                nids.AddRange(found);
            }

            var seen = new HashSet<uint>();
            foreach (var nid in nids)
            {
                if (!seen.Add(nid))
                    continue;
                try
                {
                    var node = Node.TryOpenSubnode(nid, "attachment");
                    if (node == null)
                        throw new PstFormatException($"The attachment table of {Description} lists attachment 0x{nid:X}, which is not among the message's subnodes.");
                    result.Add(new PstAttachment(this, node));
                }
                catch (Exception e) when (PstGuard.IsDamage(e) || e is PstFormatException)
                {
                    damage.Add(e as PstFormatException ?? new PstFormatException($"The PST is damaged: reading attachment 0x{nid:X} of {Description} failed ({e.GetType().Name}: {e.Message}).", e));
                }
            }

            return (result, damage);
        }
    }
}
