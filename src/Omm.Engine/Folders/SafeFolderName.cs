using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Omm.Engine.Folders
{
    /// <summary>
    /// One level of a folder name made safe for any destination: characters that servers refuse or that
    /// mean something in IMAP are replaced, surrounding spaces removed, and names that no server takes
    /// ('.', '..', empty) replaced. Each kind of change made is told as a reason.
    /// </summary>
    public static class SafeFolderName
    {
        public const char Replacement = '_';

        /// <param name="name">One level of a source folder name.</param>
        /// <param name="destinationSeparator">The destination's hierarchy separator ('\0' when it has none).</param>
        /// <param name="reasons">Gets a reason for each kind of change made.</param>
        public static string Of(string name, char destinationSeparator, ICollection<string> reasons)
        {
            var safe = new StringBuilder(name.Length);
            bool control = false, invalid = false, wildcard = false, separator = false, slash = false;
            for (var i = 0; i < name.Length; i++)
            {
                var c = name[i];
                if (char.IsHighSurrogate(c) && i + 1 < name.Length && char.IsLowSurrogate(name[i + 1]))
                {
                    safe.Append(c).Append(name[++i]);
                    continue;
                }

                if (char.IsSurrogate(c))
                    invalid = true;
                else if (char.IsControl(c))
                    control = true;
                else if (c == '*' || c == '%')
                    wildcard = true;
                else if (destinationSeparator != '\0' && c == destinationSeparator)
                    separator = true;
                else if (c == '/')
                    slash = true;
                else
                {
                    safe.Append(c);
                    continue;
                }

                safe.Append(Replacement);
            }

            if (control)
                reasons.Add($"control characters were replaced by '{Replacement}'");
            if (invalid)
                reasons.Add($"invalid UTF-16 was replaced by '{Replacement}'");
            if (wildcard)
                reasons.Add($"the IMAP wildcards '*' and '%' were replaced by '{Replacement}'");
            if (separator)
                reasons.Add($"the destination's hierarchy separator '{destinationSeparator}' was replaced by '{Replacement}'");
            if (slash)
                reasons.Add($"'/' was replaced by '{Replacement}' (file-based servers refuse it)");

            var text = safe.ToString();
            var trimmed = text.Trim();
            if (trimmed.Length != text.Length)
                reasons.Add("leading and trailing spaces were removed");
            if (trimmed.Length == 0)
            {
                reasons.Add("an empty name is not allowed");
                return Replacement.ToString();
            }

            if (trimmed.All(c => c == '.'))
            {
                reasons.Add("'.' and '..' are not allowed as names");
                return new string(Replacement, trimmed.Length);
            }

            return trimmed;
        }

        /// <summary>A name as it can be shown in a message: control characters written as \xNN.</summary>
        public static string Printable(string name)
        {
            if (!name.Any(char.IsControl))
                return name;
            var printable = new StringBuilder(name.Length + 8);
            foreach (var c in name)
            {
                if (char.IsControl(c))
                    printable.Append("\\x").Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
                else
                    printable.Append(c);
            }

            return printable.ToString();
        }
    }
}
