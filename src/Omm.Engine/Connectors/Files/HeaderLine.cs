namespace Omm.Engine.Connectors.Files
{
    /// <summary>Tells whether bytes start like a header field of a message: a name of printable ASCII without a colon, directly followed by a colon.</summary>
    internal static class HeaderLine
    {
        /// <summary>Field names longer than this are not taken for one (no real field name comes close).</summary>
        private const int MaxNameLength = 100;

        public static bool IsField(byte[] bytes, int offset, int count)
        {
            for (var i = 0; i < count && i < MaxNameLength; i++)
            {
                var b = bytes[offset + i];
                if (b == ':')
                    return i > 0;
                if (b < 33 || b > 126)
                    return false;
            }

            return false;
        }
    }
}
