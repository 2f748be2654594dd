using System;
using System.Globalization;
using System.Xml;
using Omm.Engine.Mail;

namespace Omm.Engine.Connectors.Ews
{
    /// <summary>
    /// What Omm writes on every message it creates in Exchange, in a named property of its own: when it was made and the
    /// source message's fingerprint and content hash. Exchange rebuilds a message's MIME from its store, so the copy's bytes
    /// differ from the source's; the mark lets a later pass recognise the copy exactly (crash recovery, look-alikes).
    /// </summary>
    internal sealed class EwsCopyMark
    {
        /// <summary>Omm's property set; the mark is the string property "OmmCopy" in it.</summary>
        public const string PropertySetId = "5d0a6c2e-7f1b-4f4e-9a55-0e3c6f4d2a91";
        public const string PropertyName = "OmmCopy";

        public EwsCopyMark(long stamp, MessageFingerprint fingerprint, byte[] contentHash)
        {
            Stamp = stamp;
            Fingerprint = fingerprint;
            ContentHash = contentHash;
        }

        /// <summary>When Omm made the copy, in ticks of this machine's UTC clock: the destination folder's cursors compare it.</summary>
        public long Stamp { get; }

        public MessageFingerprint Fingerprint { get; }

        /// <summary>The SHA-256 of the source message's bytes.</summary>
        public byte[] ContentHash { get; }

        public static void WriteUri(XmlWriter writer)
        {
            writer.WriteStartElement("ExtendedFieldURI", EwsNames.Types);
            writer.WriteAttributeString("PropertySetId", PropertySetId);
            writer.WriteAttributeString("PropertyName", PropertyName);
            writer.WriteAttributeString("PropertyType", "String");
            writer.WriteEndElement();
        }

        /// <summary>"1;stamp;size;date-seconds;sha256-hex;message-id" (date empty when unknown; the Message-ID last, as it may hold ';').</summary>
        public override string ToString() =>
            string.Join(";", "1", Stamp.ToString(CultureInfo.InvariantCulture), Fingerprint.Size.ToString(CultureInfo.InvariantCulture),
                Fingerprint.InternalDateSeconds?.ToString(CultureInfo.InvariantCulture) ?? string.Empty, Hex(ContentHash), Fingerprint.MessageId ?? string.Empty);

        /// <summary>The mark in a property value, or null when it is not one Omm wrote.</summary>
        public static EwsCopyMark? Parse(string? value)
        {
            if (value == null)
                return null;
            var parts = value.Split(new[] { ';' }, 6);
            if (parts.Length != 6 || parts[0] != "1"
                || !long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var stamp)
                || !long.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var size)
                || parts[4].Length != 64)
                return null;
            DateTimeOffset? date = null;
            if (parts[3].Length > 0)
            {
                if (!long.TryParse(parts[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
                    return null;
                date = DateTimeOffset.FromUnixTimeSeconds(seconds);
            }

            var hash = new byte[32];
            for (var i = 0; i < 32; i++)
            {
                if (!byte.TryParse(parts[4].Substring(i * 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out hash[i]))
                    return null;
            }

            return new EwsCopyMark(stamp, new MessageFingerprint(parts[5].Length == 0 ? null : parts[5], size, date), hash);
        }

        private static string Hex(byte[] bytes) => BitConverter.ToString(bytes).Replace("-", string.Empty).ToLowerInvariant();
    }
}
