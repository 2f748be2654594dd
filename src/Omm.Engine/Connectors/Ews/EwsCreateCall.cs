using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using System.Xml;
using MimeKit;
using Omm.Engine.Mail;

namespace Omm.Engine.Connectors.Ews
{
    /// <summary>
    /// CreateItem with MimeContent: messages stored as they are, with PR_MESSAGE_FLAGS set at creation (else Exchange makes
    /// them drafts), their received and sent dates, read state, follow-up flag, last verb, categories and Omm's mark.
    /// </summary>
    internal static class EwsCreateCall
    {
        /// <summary>One answer per message, in order: the new item's id, or why Exchange refused it.</summary>
        public static async Task<IReadOnlyList<(string? Id, EwsException? Refusal)>> CreateAsync(EwsClient client, string folderId,
            IReadOnlyList<MessageToAppend> messages, CancellationToken cancellationToken)
        {
            var facts = messages.Select(Facts).ToList();
            var answer = await client.CallAsync("CreateItem", async writer =>
            {
                writer.WriteStartElement("CreateItem", EwsNames.Messages);
                writer.WriteAttributeString("MessageDisposition", "SaveOnly");
                writer.WriteStartElement("SavedItemFolderId", EwsNames.Messages);
                EwsXml.FolderId(writer, folderId);
                writer.WriteEndElement();
                writer.WriteStartElement("Items", EwsNames.Messages);
                for (var i = 0; i < messages.Count; i++)
                    await WriteMessageAsync(writer, messages[i], facts[i], cancellationToken).ConfigureAwait(false);
                writer.WriteEndElement();
                writer.WriteEndElement();
            }, cancellationToken).ConfigureAwait(false);
            if (answer.Fault != null)
                throw answer.Fault;
            if (answer.Messages.Count != messages.Count)
                throw new FormatException($"CreateItem answered {answer.Messages.Count} response messages for {messages.Count} messages.");
            return answer.Messages.Select(m => m.IsError
                ? ((string?)null, m.ToException())
                : ((string?)m.Element.Element(EwsNames.M + "Items")?.Elements().FirstOrDefault()?.Element(EwsNames.T + "ItemId")?.Attribute("Id"), (EwsException?)null)).ToList();
        }

        /// <summary>The mark for a message's copy made another way than from its MIME (uploaded whole): its fingerprint and content hash.</summary>
        public static EwsCopyMark MarkOf(MessageToAppend message)
        {
            var start = message.Raw.Position;
            byte[] hash;
            using (var sha = SHA256.Create())
                hash = sha.ComputeHash(message.Raw);
            var size = message.Raw.Position - start;
            message.Raw.Position = start;
            var fingerprint = message.Fingerprint ?? new MessageFingerprint(Facts(message).MessageId, size, message.ReceivedDate);
            return new EwsCopyMark(DateTime.UtcNow.Ticks, fingerprint, hash);
        }

        private static (string? MessageId, DateTimeOffset? Sent) Facts(MessageToAppend message)
        {
            var start = message.Raw.Position;
            try
            {
                var headers = HeaderList.Load(message.Raw);
                var messageId = MessageIdHeader.Id(headers[HeaderId.MessageId]);
                DateTimeOffset? sent = headers[HeaderId.Date] is string date && MimeKit.Utils.DateUtils.TryParse(date, out var parsed) ? parsed : (DateTimeOffset?)null;
                return (messageId, sent);
            }
            catch (FormatException)
            {
                return (null, null);
            }
            finally
            {
                message.Raw.Position = start;
            }
        }

        private static async Task WriteMessageAsync(XmlWriter writer, MessageToAppend message, (string? MessageId, DateTimeOffset? Sent) facts,
            CancellationToken cancellationToken)
        {
            var raw = message.Raw;
            var start = raw.Position;
            writer.WriteStartElement("Message", EwsNames.Types);
            writer.WriteStartElement("MimeContent", EwsNames.Types);
            writer.WriteAttributeString("CharacterSet", "UTF-8");
            byte[] hash;
            long size = 0;
            using (var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                try
                {
                    var buffer = new byte[48 * 1024];
                    int read;
                    while ((read = await raw.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false)) > 0)
                    {
                        sha.AppendData(buffer, 0, read);
                        size += read;
                        await writer.WriteBase64Async(buffer, 0, read).ConfigureAwait(false);
                    }
                }
                finally
                {
                    // Sent again after a back-off, and during an NTLM handshake (each leg carries the whole request): from the start.
                    raw.Position = start;
                }

                hash = sha.GetHashAndReset();
            }

            writer.WriteEndElement();

            var categories = EwsMessageFlags.Categories(message.Keywords);
            if (categories.Count > 0)
                EwsMessageFlags.WriteCategories(writer, categories);
            Extended(writer, EwsMessageFlags.MessageFlagsTag, "Integer", EwsMessageFlags.MessageFlagsOf(message.Flags).ToString(CultureInfo.InvariantCulture));
            if (message.ReceivedDate is DateTimeOffset received)
                Extended(writer, EwsMessageFlags.DeliveryTimeTag, "SystemTime", EwsXml.Time(received));
            if (facts.Sent is DateTimeOffset sent)
                Extended(writer, EwsMessageFlags.SubmitTimeTag, "SystemTime", EwsXml.Time(sent));
            if (EwsMessageFlags.LastVerb(message.Flags, message.Keywords) is int verb)
            {
                Extended(writer, EwsMailItem.LastVerbTag, "Integer", verb.ToString(CultureInfo.InvariantCulture));
                Extended(writer, EwsMessageFlags.IconIndexTag, "Integer", EwsMessageFlags.IconOf(verb).ToString(CultureInfo.InvariantCulture));
            }

            var fingerprint = message.Fingerprint ?? new MessageFingerprint(facts.MessageId, size, message.ReceivedDate);
            EwsXml.ExtendedValue(writer, EwsCopyMark.WriteUri, new EwsCopyMark(DateTime.UtcNow.Ticks, fingerprint, hash).ToString());
            if ((message.Flags & MailKit.MessageFlags.Flagged) != 0)
                EwsMessageFlags.WriteFlag(writer, true);
            writer.WriteElementString("IsRead", EwsNames.Types, (message.Flags & MailKit.MessageFlags.Seen) != 0 ? "true" : "false");
            writer.WriteEndElement();
        }

        private static void Extended(XmlWriter writer, int tag, string type, string value) =>
            EwsXml.ExtendedValue(writer, w => EwsXml.PropertyTag(w, tag, type), value);
    }
}
