using System;

namespace Omm.Engine.ContentLines
{
    /// <summary>What a text that holds no vCard or iCalendar looks like, for the message that says so.</summary>
    public static class ForeignText
    {
        /// <summary>"it is empty", "it looks like an HTML page", "it holds binary data", ... (no final stop).</summary>
        public static string Describe(string text)
        {
            var trimmed = text.Trim('\uFEFF', ' ', '\t', '\r', '\n', '\0');
            if (trimmed.Length == 0)
                return "it is empty";
            var sample = trimmed.Length > 4096 ? trimmed.Substring(0, 4096) : trimmed;
            var controls = 0;
            foreach (var c in sample)
            {
                if (char.IsControl(c) && c != '\t' && c != '\r' && c != '\n' && c != '\f')
                    controls++;
            }

            if (controls > 0 && controls * 100 >= sample.Length)
                return "it holds binary data, not text";
            if (sample.StartsWith("<", StringComparison.Ordinal))
            {
                return sample.IndexOf("<html", StringComparison.OrdinalIgnoreCase) >= 0 || sample.IndexOf("<!doctype html", StringComparison.OrdinalIgnoreCase) >= 0
                    ? "it looks like an HTML page"
                    : "it looks like XML";
            }

            if (sample.StartsWith("{", StringComparison.Ordinal) || sample.StartsWith("[", StringComparison.Ordinal))
                return "it looks like JSON";
            var firstLine = sample.Split('\n')[0].TrimEnd('\r');
            return $"it starts with \"{ContentLineParser.Excerpt(firstLine)}\"";
        }
    }
}
