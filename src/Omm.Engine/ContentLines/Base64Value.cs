using System;
using System.Text;

namespace Omm.Engine.ContentLines
{
    /// <summary>
    /// Base64 values as clients write them: whitespace and line breaks anywhere, the '=' padding left out, or
    /// the URL-safe alphabet ('-' and '_' for '+' and '/').
    /// </summary>
    public static class Base64Value
    {
        /// <summary>The bytes, or null when the text is not base64 even read that leniently.</summary>
        public static byte[]? Decode(string text)
        {
            var clean = new StringBuilder(text.Length);
            var urlSafe = false;
            foreach (var c in text)
            {
                if (char.IsWhiteSpace(c))
                    continue;
                urlSafe |= c == '-' || c == '_';
                clean.Append(c);
            }

            if (urlSafe && clean.ToString().IndexOfAny(new[] { '+', '/' }) < 0)
                clean.Replace('-', '+').Replace('_', '/');
            while (clean.Length % 4 == 2 || clean.Length % 4 == 3)
                clean.Append('=');
            try
            {
                return Convert.FromBase64String(clean.ToString());
            }
            catch (FormatException)
            {
                return null;
            }
        }
    }
}
