using System.Security.Cryptography;

namespace Omm.Engine.State
{
    /// <summary>Short migration ids that are easy to read aloud and copy: 8 characters, no 0/o, 1/l/i.</summary>
    internal static class MigrationIds
    {
        private const string Alphabet = "23456789abcdefghjkmnpqrstuvwxyz";
        public const int Length = 8;

        public static string Next()
        {
            var bytes = new byte[Length];
            using (var random = RandomNumberGenerator.Create())
                random.GetBytes(bytes);
            var chars = new char[Length];
            for (var i = 0; i < Length; i++)
                chars[i] = Alphabet[bytes[i] % Alphabet.Length];
            return new string(chars);
        }
    }
}
