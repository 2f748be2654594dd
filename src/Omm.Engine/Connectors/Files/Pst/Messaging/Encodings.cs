using System;
using System.Text;

namespace Omm.Engine.Connectors.Files.Pst.Messaging
{
    /// <summary>Code pages of 8-bit strings (ANSI files, PidTagMessageCodepage) and HTML bodies.</summary>
    internal static class Encodings
    {
        static Encodings()
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        }

        /// <summary>Windows-1252, what Outlook uses when a message names no code page.</summary>
        public static Encoding Default { get; } = Get(1252) ?? Encoding.GetEncoding("iso-8859-1");

        public static Encoding ForCodePage(int? codePage) => (codePage.HasValue ? Get(codePage.Value) : null) ?? Default;

        public static Encoding? Get(int codePage)
        {
            if (codePage <= 0 || codePage > 65535)
                return null;
            try
            {
                if (codePage == 1200)
                    return Encoding.Unicode;
                return Encoding.GetEncoding(codePage);
            }
            catch (ArgumentException)
            {
                return null;
            }
            catch (NotSupportedException)
            {
                return null;
            }
        }
    }
}
