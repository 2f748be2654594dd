using System;
using System.Text;
using MailKit;
using MimeKit;
using MimeKit.Utils;
using Omm.Engine.Mail;

namespace Omm.Engine.Connectors.Imap
{
    /// <summary>
    /// What is read of a message to identify it before copying: UID, flags, date, size, and its Message-ID
    /// and Subject headers. The headers are fetched as BODY[HEADER.FIELDS], not as ENVELOPE: MailKit refuses
    /// an ENVELOPE string over 4 KB (a 1 MB Subject, say) as a protocol error, which would end the pass,
    /// while a header section is read as a stream of any length.
    /// </summary>
    internal static class MessageIdentity
    {
        private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);
        private static readonly Encoding Latin1 = Encoding.GetEncoding(28591);

        /// <summary>A new request each time: MailKit's requests are mutable.</summary>
        public static IFetchRequest Request => new FetchRequest(
            MessageSummaryItems.UniqueId | MessageSummaryItems.Flags | MessageSummaryItems.InternalDate | MessageSummaryItems.Size)
        {
            Headers = new HeaderSet(new[] { HeaderId.MessageId, HeaderId.Subject }),
        };

        public static MessageFingerprint Fingerprint(IMessageSummary summary) =>
            new MessageFingerprint(MessageId(summary), summary.Size ?? 0, summary.InternalDate);

        /// <summary>
        /// The Message-ID as MailKit reads it from an ENVELOPE (the raw value, UTF-8 or else Latin-1, through
        /// <see cref="MimeUtils.ParseMessageId"/>), so that fingerprints recorded from envelopes still match.
        /// </summary>
        public static string? MessageId(IMessageSummary summary)
        {
            var headers = summary.Headers;
            var index = headers?.IndexOf(HeaderId.MessageId) ?? -1;
            if (index < 0)
                return null;
            var raw = headers![index].RawValue;
            string text;
            try
            {
                text = StrictUtf8.GetString(raw);
            }
            catch (DecoderFallbackException)
            {
                text = Latin1.GetString(raw);
            }

            return MimeUtils.ParseMessageId(text);
        }

        public static string? Subject(IMessageSummary summary) => summary.Headers?[HeaderId.Subject];
    }
}
