using System;

namespace Omm.Engine.Connectors.Imap
{
    /// <summary>
    /// A status response as the server sent it: a command's tagged OK/NO/BAD or an untagged BYE, with its
    /// response code (RFC 5530: UNAVAILABLE, OVERQUOTA, LIMIT...) and its human-readable text.
    /// MailKit keeps the code of a refusal to itself; this is how Omm learns it.
    /// </summary>
    internal sealed class ServerReply
    {
        private ServerReply(string status, string? code, string text)
        {
            Status = status;
            Code = code;
            Text = text;
        }

        /// <summary>OK, NO, BAD or BYE (upper case).</summary>
        public string Status { get; }

        /// <summary>The response code's name (upper case, e.g. OVERQUOTA), or null when the response has none.</summary>
        public string? Code { get; }

        /// <summary>The text after the response code.</summary>
        public string Text { get; }

        public bool IsBye => Status == "BYE";

        /// <summary>Reads a response line (without its line end): "A12 NO [OVERQUOTA] Quota exceeded" or "* BYE text"; null for anything else.</summary>
        public static ServerReply? Parse(string line)
        {
            var space = line.IndexOf(' ');
            if (space <= 0)
                return null;
            var tag = line.Substring(0, space);
            var rest = line.Substring(space + 1);
            var statusEnd = rest.IndexOf(' ');
            var status = (statusEnd < 0 ? rest : rest.Substring(0, statusEnd)).ToUpperInvariant();
            var tagged = tag != "*" && tag != "+";
            if (!(tagged && (status == "OK" || status == "NO" || status == "BAD")) && !(tag == "*" && status == "BYE"))
                return null;

            var text = statusEnd < 0 ? string.Empty : rest.Substring(statusEnd + 1).TrimStart();
            string? code = null;
            if (text.StartsWith("[", StringComparison.Ordinal))
            {
                var close = text.IndexOf(']');
                var inside = close < 0 ? text.Substring(1) : text.Substring(1, close - 1);
                var nameEnd = inside.IndexOf(' ');
                code = (nameEnd < 0 ? inside : inside.Substring(0, nameEnd)).ToUpperInvariant();
                text = close < 0 ? string.Empty : text.Substring(close + 1);
            }

            return new ServerReply(status, code, text.Trim());
        }

        /// <summary>Whether MailKit's text of a refusal or a BYE is this reply's.</summary>
        public bool Says(string? text) => text != null && string.Equals(Text, text.Trim(), StringComparison.Ordinal);

        /// <summary>"[OVERQUOTA] Quota exceeded", as quoted in messages.</summary>
        public override string ToString() => Code == null ? Text : $"[{Code}] {Text}".TrimEnd();
    }
}
