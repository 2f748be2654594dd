namespace Omm.Engine.Folders
{
    /// <summary>
    /// The length of a folder name as IMAP sends it (modified UTF-7, RFC 3501 5.1.3), which is also how
    /// maildir servers store it on disk: printable ASCII is one character ('&amp;' two), every other run of
    /// characters is '&amp;', their UTF-16 bytes in base64 and '-'.
    /// </summary>
    public static class ImapNameLength
    {
        public static int Of(string name) => Measure(name, int.MaxValue, out _);

        /// <summary>How many characters at the start of <paramref name="name"/> fit in <paramref name="limit"/>, without splitting a surrogate pair.</summary>
        public static int FittingPrefix(string name, int limit)
        {
            Measure(name, limit, out var fitting);
            return fitting;
        }

        private static int Measure(string name, int limit, out int fitting)
        {
            var length = 0;
            var run = 0;
            fitting = 0;
            for (var i = 0; i < name.Length; i++)
            {
                if (IsPrintableAscii(name[i]))
                {
                    length += RunLength(run) + (name[i] == '&' ? 2 : 1);
                    run = 0;
                }
                else
                {
                    run++;
                }

                if (char.IsHighSurrogate(name[i]) && i + 1 < name.Length && char.IsLowSurrogate(name[i + 1]))
                    continue;
                if (length + RunLength(run) > limit)
                    return length + RunLength(run);
                fitting = i + 1;
            }

            return length + RunLength(run);
        }

        private static bool IsPrintableAscii(char c) => c >= 0x20 && c <= 0x7e;

        /// <summary>'&amp;', base64 of 2 bytes per UTF-16 unit without padding, '-'.</summary>
        private static int RunLength(int units) => units == 0 ? 0 : 2 + (units * 8 + 2) / 3;
    }
}
