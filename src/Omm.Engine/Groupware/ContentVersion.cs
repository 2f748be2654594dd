using System.Security.Cryptography;
using System.Text;

namespace Omm.Engine.Groupware
{
    /// <summary>The version of an item read from a file: a hash of its text, so that an edited item is seen as changed.</summary>
    internal static class ContentVersion
    {
        public static string Of(string text)
        {
            using var sha = SHA256.Create();
            var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(text));
            var builder = new StringBuilder("sha256:", 7 + hash.Length * 2);
            foreach (var b in hash)
                builder.Append(b.ToString("x2"));
            return builder.ToString();
        }
    }
}
