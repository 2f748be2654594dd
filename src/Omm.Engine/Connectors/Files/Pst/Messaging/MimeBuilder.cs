using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using MimeKit;
using MimeKit.Utils;
using Omm.Engine.Connectors.Files.Pst.Ltp;

namespace Omm.Engine.Connectors.Files.Pst.Messaging
{
    /// <summary>
    /// Rebuilds RFC 5322/MIME from a message's properties ([formats.md] 1.5): the original transport headers
    /// when the PST kept them (minus the Content-* headers, since the body is rebuilt), otherwise headers
    /// made from the properties with SMTP addresses (never EX legacyDNs); the HTML, plain text and RTF bodies;
    /// attachments by value, inline images as multipart/related, embedded messages as message/rfc822; and
    /// S/MIME items with their signed or encrypted part as stored.
    /// </summary>
    internal static class MimeBuilder
    {
        private const int NativeBodyRtf = 2;

        public static string? CleanSubject(string? subject)
        {
            if (subject != null && subject.Length > 0 && subject[0] == '\u0001')
                return subject.Length >= 2 ? subject.Substring(2) : "";
            return subject;
        }

        public static MimeMessage Build(MessageObject message) => Build(message, useTransportHeaders: true);

        /// <param name="useTransportHeaders">False makes every header from the properties (tests use it).</param>
        /// <param name="leftOut">
        /// Null to throw at any damage; else a damaged attachment, recipient table or one of several bodies is left
        /// out and said here in a sentence, and only damage to the message itself (its properties, every body) throws.
        /// </param>
        internal static MimeMessage Build(MessageObject message, bool useTransportHeaders, ICollection<string>? leftOut = null)
        {
            var mime = new MimeMessage();
            mime.Headers.Clear();
            if (!useTransportHeaders || !AddTransportHeaders(message, mime))
                mime.Headers.Clear();
            AddMissingHeaders(message, mime, leftOut);
            mime.Body = BuildBody(message, leftOut);
            StableBoundaries.Apply(mime);
            return mime;
        }

        /// <summary>Runs <paramref name="read"/>; when it meets damage and damage may be left out, says so in <paramref name="leftOut"/> and gives null.</summary>
        private static T? Tolerate<T>(ICollection<string>? leftOut, Func<T> read, Func<PstFormatException, string> sentence) where T : class
        {
            try
            {
                return read();
            }
            catch (Exception e) when (leftOut != null && (e is PstFormatException || PstGuard.IsDamage(e)))
            {
                leftOut.Add(sentence(AsDamage(e)));
                return null;
            }
        }

        private static bool AddTransportHeaders(MessageObject message, MimeMessage mime)
        {
            var text = message.GetString(PropId.TransportMessageHeaders);
            if (string.IsNullOrWhiteSpace(text))
                return false;
            var headers = ParseHeaders(text!);
            if (headers == null)
                return false;
            foreach (var header in headers)
            {
                var field = header.Field;
                if (field.StartsWith("Content-", StringComparison.OrdinalIgnoreCase)
                    || field.Equals("MIME-Version", StringComparison.OrdinalIgnoreCase))
                    continue;
                mime.Headers.Add(header);
            }

            return true;
        }

        /// <summary>Parses a header block; lines that are not headers are dropped; null when nothing parses.</summary>
        private static HeaderList? ParseHeaders(string text)
        {
            var normalized = text.Replace("\r\n", "\n").Replace('\r', '\n');
            var lines = new List<string>();
            foreach (var line in normalized.Split('\n'))
            {
                if (line.Length == 0)
                {
                    if (lines.Count > 0)
                        break;
                    continue;
                }

                if (line[0] == ' ' || line[0] == '\t')
                {
                    if (lines.Count > 0)
                        lines.Add(line);
                    continue;
                }

                var colon = line.IndexOf(':');
                if (colon <= 0 || !IsFieldName(line, colon))
                    continue;
                lines.Add(line);
            }

            if (lines.Count == 0)
                return null;
            var block = string.Join("\r\n", lines) + "\r\n\r\n";
            try
            {
                using (var stream = new MemoryStream(Encoding.UTF8.GetBytes(block), false))
                    return HeaderList.Load(stream);
            }
            catch (FormatException)
            {
                return null;
            }
        }

        private static bool IsFieldName(string line, int colon)
        {
            for (var i = 0; i < colon; i++)
            {
                var c = line[i];
                if (c <= ' ' || c > '~')
                    return false;
            }

            return true;
        }

        private static PstFormatException AsDamage(Exception e) =>
            e as PstFormatException ?? new PstFormatException($"The PST is damaged ({e.GetType().Name}: {e.Message}).", e);

        private static void AddMissingHeaders(MessageObject message, MimeMessage mime, ICollection<string>? leftOut)
        {
            var headers = mime.Headers;
            if (!headers.Contains(HeaderId.From))
            {
                var from = Mailbox(message.GetString(PropId.SentRepresentingName), message.GetString(PropId.SentRepresentingAddressType),
                    message.GetString(PropId.SentRepresentingEmailAddress), message.GetString(PropId.SentRepresentingSmtpAddress));
                var sender = Mailbox(message.GetString(PropId.SenderName), message.GetString(PropId.SenderAddressType),
                    message.GetString(PropId.SenderEmailAddress), message.GetString(PropId.SenderSmtpAddress));
                if (from == null)
                    from = sender;
                if (from != null)
                    mime.From.Add(from);
                if (sender is MailboxAddress s && from is MailboxAddress f && !headers.Contains(HeaderId.Sender)
                    && !string.Equals(s.Address, f.Address, StringComparison.OrdinalIgnoreCase))
                    mime.Sender = s;
            }

            var hasTo = headers.Contains(HeaderId.To);
            var hasCc = headers.Contains(HeaderId.Cc);
            var hasBcc = headers.Contains(HeaderId.Bcc);
            var recipients = hasTo && hasCc && hasBcc ? Array.Empty<PstRecipient>()
                : Tolerate(leftOut, () => message.Recipients, e => $"The recipient table is damaged, so the recipients that the message's headers do not list (its Bcc, or all of them when the PST kept no headers) could not be added: {e.Message}")
                  ?? Array.Empty<PstRecipient>();
            foreach (var recipient in recipients)
            {
                var address = Mailbox(recipient.Name, null, null, recipient.InternetAddress);
                if (address == null)
                    continue;
                if (recipient.Kind == PstRecipientKind.Cc && !hasCc)
                    mime.Cc.Add(address);
                else if (recipient.Kind == PstRecipientKind.Bcc && !hasBcc)
                    mime.Bcc.Add(address);
                else if (recipient.Kind == PstRecipientKind.To && !hasTo)
                    mime.To.Add(address);
            }

            if (!headers.Contains(HeaderId.Date))
            {
                var date = message.GetTime(PropId.ClientSubmitTime) ?? message.GetTime(PropId.MessageDeliveryTime)
                    ?? message.GetTime(PropId.LastModificationTime) ?? message.GetTime(PropId.CreationTime);
                if (date.HasValue)
                    mime.Date = date.Value;
            }

            if (!headers.Contains(HeaderId.Subject))
            {
                var subject = CleanSubject(message.GetString(PropId.Subject));
                if (subject != null)
                    mime.Subject = Clean(subject);
            }

            AddIdHeader(headers, HeaderId.MessageId, message.GetString(PropId.InternetMessageId));
            AddIdHeader(headers, HeaderId.InReplyTo, message.GetString(PropId.InReplyToId));
            AddIdHeader(headers, HeaderId.References, message.GetString(PropId.InternetReferences));

            if (!headers.Contains(HeaderId.Importance) && !headers.Contains(HeaderId.XPriority))
            {
                var importance = message.GetInt32(PropId.Importance);
                if (importance == 0)
                {
                    headers.Add(HeaderId.Importance, "low");
                    headers.Add(HeaderId.XPriority, "5");
                }
                else if (importance == 2)
                {
                    headers.Add(HeaderId.Importance, "high");
                    headers.Add(HeaderId.XPriority, "1");
                }
            }
        }

        private static void AddIdHeader(HeaderList headers, HeaderId id, string? value)
        {
            if (headers.Contains(id) || string.IsNullOrWhiteSpace(value))
                return;
            var text = Clean(value!).Trim();
            if (text.Length == 0)
                return;
            if (id != HeaderId.References && !text.StartsWith("<", StringComparison.Ordinal))
                text = "<" + text + ">";
            headers.Add(id, text);
        }

        /// <summary>An address for a header: SMTP when known, else a group with the display name (valid syntax, no legacyDN).</summary>
        private static InternetAddress? Mailbox(string? name, string? addressType, string? address, string? smtp)
        {
            var internet = MessageObject.InternetAddress(addressType, address, smtp);
            var display = string.IsNullOrWhiteSpace(name) ? null : Clean(name!).Trim();
            if (internet != null)
            {
                try
                {
                    return new MailboxAddress(display, Clean(internet));
                }
                catch (Exception e) when (e is ParseException || e is ArgumentException)
                {
                    // Not an address MimeKit accepts: keep the name only.
                }
            }

            return display == null ? null : new GroupAddress(display);
        }

        private static string Clean(string value)
        {
            var builder = new StringBuilder(value.Length);
            foreach (var c in value)
                builder.Append(c < ' ' && c != '\t' ? ' ' : c);
            return builder.ToString();
        }

        private static MimeEntity BuildBody(MessageObject message, ICollection<string>? leftOut)
        {
            var messageClass = message.GetString(PropId.MessageClass) ?? "";
            if (messageClass.StartsWith("IPM.Note.SMIME", StringComparison.OrdinalIgnoreCase))
            {
                var smime = BuildSmime(message, messageClass);
                if (smime != null)
                    return smime;
            }

            var bodies = ReadBodies(message, leftOut);
            var attachments = new List<MimeEntity>();
            var related = new List<MimeEntity>();
            foreach (var attachment in leftOut == null ? message.Attachments : message.ReadableAttachments(leftOut))
            {
                var part = Tolerate(leftOut, () => BuildAttachment(attachment, leftOut),
                    e => $"The attachment '{attachment.FileName}' cannot be read and was left out: {e.Message}");
                if (part == null)
                    continue;
                if (bodies.Html != null && IsReferenced(attachment, bodies.Html))
                {
                    if (part is MimePart inline)
                        inline.ContentDisposition = new ContentDisposition(ContentDisposition.Inline) { FileName = attachment.FileName };
                    related.Add(part);
                }
                else
                {
                    attachments.Add(part);
                }
            }

            MimeEntity? html = bodies.Html == null ? null : HtmlPart(bodies);
            if (html != null && related.Count > 0)
            {
                var multipart = new MultipartRelated { html };
                foreach (var part in related)
                    multipart.Add(part);
                html = multipart;
            }

            var alternatives = new List<MimeEntity>();
            if (bodies.Plain != null)
                alternatives.Add(TextPart("plain", bodies.Plain));
            if (html != null)
                alternatives.Add(html);
            if (bodies.Rtf != null)
            {
                var rtf = new MimePart("text", "rtf") { Content = new MimeContent(new MemoryStream(bodies.Rtf, false)) };
                rtf.ContentTransferEncoding = ContentEncoding.QuotedPrintable;
                alternatives.Add(rtf);
            }

            MimeEntity body;
            if (alternatives.Count == 0)
                body = TextPart("plain", "");
            else if (alternatives.Count == 1)
                body = alternatives[0];
            else
            {
                var alternative = new MultipartAlternative();
                foreach (var part in alternatives)
                    alternative.Add(part);
                body = alternative;
            }

            if (attachments.Count == 0)
                return body;
            var mixed = new Multipart("mixed") { body };
            foreach (var part in attachments)
                mixed.Add(part);
            return mixed;
        }

        private static bool IsReferenced(PstAttachment attachment, Bodies bodies)
        {
            if (attachment.IsEmbeddedMessage)
                return false;
            var html = bodies.HtmlText;
            if (!string.IsNullOrEmpty(attachment.ContentId) && html.IndexOf("cid:" + attachment.ContentId!.Trim('<', '>'), StringComparison.OrdinalIgnoreCase) >= 0)
                return true;
            return !string.IsNullOrEmpty(attachment.ContentLocation) && html.IndexOf(attachment.ContentLocation!, StringComparison.OrdinalIgnoreCase) >= 0;
        }

        private static MimeEntity HtmlPart(Bodies bodies)
        {
            var part = new TextPart("html");
            if (bodies.HtmlBytes != null)
            {
                part.Content = new MimeContent(new MemoryStream(bodies.HtmlBytes, false));
                part.ContentType.Charset = bodies.HtmlCharset;
            }
            else
            {
                part.SetText(Encoding.UTF8, bodies.HtmlText);
            }

            part.ContentTransferEncoding = part.GetBestEncoding(EncodingConstraint.SevenBit);
            return part;
        }

        private static TextPart TextPart(string subtype, string text)
        {
            var part = new TextPart(subtype);
            part.SetText(Encoding.UTF8, text);
            part.ContentTransferEncoding = part.GetBestEncoding(EncodingConstraint.SevenBit);
            return part;
        }

        private static MimeEntity BuildAttachment(PstAttachment attachment, ICollection<string>? leftOut)
        {
            if (attachment.IsEmbeddedMessage)
            {
                var embedded = attachment.EmbeddedMessage;
                var inner = embedded != null ? Build(embedded.Object, useTransportHeaders: true, leftOut) : new MimeMessage();
                var messagePart = new MessagePart("rfc822") { Message = inner };
                messagePart.ContentDisposition = new ContentDisposition(ContentDisposition.Attachment);
                return messagePart;
            }

            var data = ReadAttachmentData(attachment);
            var part = new MimePart(ContentTypeOf(attachment))
            {
                Content = new MimeContent(new MemoryStream(data, false)),
                ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
                ContentTransferEncoding = ContentEncoding.Base64,
                FileName = Clean(attachment.FileName),
            };
            if (!string.IsNullOrWhiteSpace(attachment.ContentId))
                part.ContentId = Clean(attachment.ContentId!).Trim().Trim('<', '>');
            if (!string.IsNullOrWhiteSpace(attachment.ContentLocation))
                part.Headers.Replace(HeaderId.ContentLocation, Clean(attachment.ContentLocation!).Trim());
            return part;
        }

        private static byte[] ReadAttachmentData(PstAttachment attachment)
        {
            using (var stream = attachment.OpenRead())
            {
                var data = new byte[stream.Length];
                var read = 0;
                while (read < data.Length)
                {
                    var n = stream.Read(data, read, data.Length - read);
                    if (n <= 0)
                        throw new PstFormatException($"The data of attachment '{attachment.FileName}' ended after {read} of {data.Length} bytes.");
                    read += n;
                }

                return data;
            }
        }

        private static ContentType ContentTypeOf(PstAttachment attachment)
        {
            if (!string.IsNullOrWhiteSpace(attachment.MimeType) && ContentType.TryParse(attachment.MimeType!.Trim(), out var type)
                && !string.IsNullOrEmpty(type.MediaSubtype) && !type.IsMimeType("multipart", "*") && !type.IsMimeType("message", "*"))
                return type;
            var guessed = MimeTypes.GetMimeType(attachment.FileName);
            return ContentType.TryParse(guessed, out var byName) ? byName : new ContentType("application", "octet-stream");
        }

        private static MimeEntity? BuildSmime(MessageObject message, string messageClass)
        {
            var attachments = message.Attachments;
            if (attachments.Count != 1 || attachments[0].IsEmbeddedMessage)
                return null;
            var attachment = attachments[0];
            var data = ReadAttachmentData(attachment);
            if (messageClass.IndexOf("MultipartSigned", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                // The attachment is the whole multipart/signed entity, headers included: keep it as it is.
                try
                {
                    using (var stream = new MemoryStream(data, false))
                        return MimeEntity.Load(stream, persistent: false);
                }
                catch (FormatException)
                {
                    return null;
                }
            }

            var type = ContentTypeOf(attachment);
            if (!type.IsMimeType("application", "pkcs7-mime") && !type.IsMimeType("application", "x-pkcs7-mime"))
                type = new ContentType("application", "pkcs7-mime");
            if (type.Parameters["smime-type"] == null)
                type.Parameters.Add("smime-type", "enveloped-data");
            type.Name = "smime.p7m";
            return new MimePart(type)
            {
                Content = new MimeContent(new MemoryStream(data, false)),
                ContentDisposition = new ContentDisposition(ContentDisposition.Attachment) { FileName = "smime.p7m" },
                ContentTransferEncoding = ContentEncoding.Base64,
            };
        }

        /// <summary>
        /// The plain-text, HTML and RTF bodies. With <paramref name="leftOut"/>, a damaged one is left out (said there)
        /// as long as another can be read; when none can, the message has lost its content and the damage is thrown.
        /// </summary>
        private static Bodies ReadBodies(MessageObject message, ICollection<string>? leftOut)
        {
            var damage = new List<PstFormatException>();
            var sentences = new List<string>();
            T? Read<T>(string what, Func<T?> read) where T : class
            {
                try
                {
                    return read();
                }
                catch (Exception e) when (leftOut != null && (e is PstFormatException || PstGuard.IsDamage(e)))
                {
                    var wrapped = AsDamage(e);
                    damage.Add(wrapped);
                    sentences.Add($"The {what} body cannot be read and was left out: {wrapped.Message}");
                    return null;
                }
            }

            var bodies = new Bodies { Plain = Read("plain-text", () => message.GetString(PropId.Body)) };
            var htmlValue = Read("HTML", () => message.Properties.Get(PropId.BodyHtml));
            if (htmlValue != null)
            {
                if (htmlValue.Type == PropertyType.Binary)
                {
                    var codePage = message.GetInt32(PropId.InternetCodepage) ?? message.GetInt32(PropId.MessageCodepage);
                    var encoding = Encodings.ForCodePage(codePage);
                    bodies.HtmlBytes = htmlValue.Data;
                    bodies.HtmlCharset = encoding.WebName;
                    bodies.HtmlText = encoding.GetString(htmlValue.Data);
                }
                else
                {
                    bodies.HtmlText = htmlValue.AsString(message.Ansi) ?? "";
                }

                bodies.Html = bodies;
            }

            var rtf = Read("RTF", () => message.GetBinary(PropId.RtfCompressed) is byte[] compressed ? RtfBody.Decompress(compressed) : null);
            if (rtf != null)
            {
                if (RtfBody.IsEncapsulatedHtml(rtf))
                {
                    if (bodies.Html == null)
                    {
                        bodies.HtmlText = RtfBody.Extract(rtf);
                        bodies.Html = bodies;
                    }
                }
                else if (RtfBody.IsEncapsulatedText(rtf))
                {
                    if (bodies.Plain == null)
                        bodies.Plain = RtfBody.Extract(rtf);
                }
                else if (message.GetInt32(PropId.NativeBody) == NativeBodyRtf || (bodies.Html == null && bodies.Plain == null))
                {
                    bodies.Rtf = rtf;
                }
            }

            if (damage.Count > 0)
            {
                if (bodies.Plain == null && bodies.Html == null && bodies.Rtf == null)
                    throw new PstFormatException($"No body of the message can be read: {damage[0].Message}", damage[0]);
                foreach (var sentence in sentences)
                    leftOut!.Add(sentence);
            }

            return bodies;
        }

        private sealed class Bodies
        {
            public string? Plain;
            public Bodies? Html;
            public string HtmlText = "";
            public byte[]? HtmlBytes;
            public string HtmlCharset = "utf-8";
            public byte[]? Rtf;
        }
    }
}
