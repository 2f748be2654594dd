using System.Linq;

namespace Omm.Engine.Mail
{
    /// <summary>The Message-ID a header field gives, as fingerprints compare it: the first id without its angle brackets.</summary>
    internal static class MessageIdHeader
    {
        /// <summary>The id, the trimmed text when it holds none that parses, or null for no header.</summary>
        public static string? Id(string? value) =>
            value == null ? null : MimeKit.Utils.MimeUtils.EnumerateReferences(value).FirstOrDefault() ?? value.Trim();
    }
}
