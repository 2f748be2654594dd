using System.Security.Cryptography;
using System.Text;

namespace Omm.Engine.ContentLines
{
    /// <summary>
    /// A UID made from content, for items that have none: the same content always gives the same UID, so
    /// importing a file twice does not duplicate its items. UUID-shaped (RFC 9562 version 8, from SHA-256).
    /// </summary>
    public static class StableUid
    {
        public static string FromContent(string content)
        {
            byte[] hash;
            using (var sha = SHA256.Create())
                hash = sha.ComputeHash(Encoding.UTF8.GetBytes(content));
            hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
            hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
            var hex = new StringBuilder(36);
            for (var i = 0; i < 16; i++)
            {
                if (i == 4 || i == 6 || i == 8 || i == 10)
                    hex.Append('-');
                hex.Append(hash[i].ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }

            return hex.ToString();
        }
    }
}
