using System;
using System.Security.Cryptography;
using System.Text;

namespace Omm.Engine.Secrets
{
    /// <summary>
    /// The key a project password unlocks: PBKDF2-HMAC-SHA256 with 600,000 iterations and a random salt
    /// gives an AES-256 key and an HMAC-SHA256 key; secrets are sealed encrypt-then-MAC (AES-CBC, then
    /// HMAC over version, context, IV and ciphertext), so a wrong key or a changed byte is detected.
    /// </summary>
    public sealed class ProjectKey : IDisposable
    {
        public const int Iterations = 600_000;
        private const byte Version = 1;
        private static readonly byte[] CheckLabel = Encoding.UTF8.GetBytes("omm project key check v1");

        private readonly byte[] encryptionKey;
        private readonly byte[] macKey;

        private ProjectKey(byte[] encryptionKey, byte[] macKey)
        {
            this.encryptionKey = encryptionKey;
            this.macKey = macKey;
        }

        public static byte[] NewSalt()
        {
            var salt = new byte[16];
            using (var random = RandomNumberGenerator.Create())
                random.GetBytes(salt);
            return salt;
        }

        public static ProjectKey Derive(string password, byte[] salt)
        {
            if (string.IsNullOrEmpty(password))
                throw new ArgumentException("The project password is empty.", nameof(password));
            var passwordBytes = Encoding.UTF8.GetBytes(password);
            try
            {
                var material = Pbkdf2Sha256(passwordBytes, salt, 64);
                var encryption = new byte[32];
                var mac = new byte[32];
                Buffer.BlockCopy(material, 0, encryption, 0, 32);
                Buffer.BlockCopy(material, 32, mac, 0, 32);
                Array.Clear(material, 0, material.Length);
                return new ProjectKey(encryption, mac);
            }
            finally
            {
                Array.Clear(passwordBytes, 0, passwordBytes.Length);
            }
        }

        // The SHA-256 overload exists on every runtime the module supports (.NET Framework 4.7.2+, .NET Core 2+)
        // but not in the netstandard2.0 reference surface.
        private static byte[] Pbkdf2Sha256(byte[] password, byte[] salt, int length)
        {
            var kdf = (Rfc2898DeriveBytes?)Activator.CreateInstance(typeof(Rfc2898DeriveBytes), password, salt, Iterations, HashAlgorithmName.SHA256)
                ?? throw new PlatformNotSupportedException("This runtime has no PBKDF2-SHA256.");
            using (kdf)
                return kdf.GetBytes(length);
        }

        /// <summary>A value stored with the project to tell a right password from a wrong one; reveals nothing about the key.</summary>
        public byte[] Check()
        {
            using var hmac = new HMACSHA256(macKey);
            return hmac.ComputeHash(CheckLabel);
        }

        public bool Matches(byte[] check) => FixedTimeEquals(Check(), check);

        /// <param name="plaintext">The secret.</param>
        /// <param name="context">What the secret is for (e.g. migration id and side); opening it under another context fails.</param>
        public byte[] Seal(string plaintext, string context)
        {
            using var aes = Aes.Create();
            aes.Key = encryptionKey;
            aes.Mode = CipherMode.CBC;
            aes.Padding = PaddingMode.PKCS7;
            aes.GenerateIV();
            var data = Encoding.UTF8.GetBytes(plaintext);
            byte[] cipher;
            using (var encryptor = aes.CreateEncryptor())
                cipher = encryptor.TransformFinalBlock(data, 0, data.Length);
            Array.Clear(data, 0, data.Length);

            var sealedBytes = new byte[1 + aes.IV.Length + cipher.Length + 32];
            sealedBytes[0] = Version;
            Buffer.BlockCopy(aes.IV, 0, sealedBytes, 1, aes.IV.Length);
            Buffer.BlockCopy(cipher, 0, sealedBytes, 1 + aes.IV.Length, cipher.Length);
            var tag = Tag(sealedBytes, sealedBytes.Length - 32, context);
            Buffer.BlockCopy(tag, 0, sealedBytes, sealedBytes.Length - 32, 32);
            return sealedBytes;
        }

        /// <exception cref="CryptographicException">The secret was sealed with another key or context, or altered.</exception>
        public string Open(byte[] sealedBytes, string context)
        {
            if (sealedBytes.Length < 1 + 16 + 16 + 32 || sealedBytes[0] != Version)
                throw new CryptographicException("The stored secret has an unknown format.");
            var tag = new byte[32];
            Buffer.BlockCopy(sealedBytes, sealedBytes.Length - 32, tag, 0, 32);
            if (!FixedTimeEquals(tag, Tag(sealedBytes, sealedBytes.Length - 32, context)))
                throw new CryptographicException("The stored secret does not open with this project password.");

            using var aes = Aes.Create();
            aes.Key = encryptionKey;
            aes.Mode = CipherMode.CBC;
            aes.Padding = PaddingMode.PKCS7;
            var iv = new byte[16];
            Buffer.BlockCopy(sealedBytes, 1, iv, 0, 16);
            aes.IV = iv;
            using var decryptor = aes.CreateDecryptor();
            var plain = decryptor.TransformFinalBlock(sealedBytes, 17, sealedBytes.Length - 17 - 32);
            try
            {
                return Encoding.UTF8.GetString(plain);
            }
            finally
            {
                Array.Clear(plain, 0, plain.Length);
            }
        }

        public void Dispose()
        {
            Array.Clear(encryptionKey, 0, encryptionKey.Length);
            Array.Clear(macKey, 0, macKey.Length);
        }

        private byte[] Tag(byte[] sealedBytes, int length, string context)
        {
            using var hmac = new HMACSHA256(macKey);
            var contextBytes = Encoding.UTF8.GetBytes(context);
            hmac.TransformBlock(contextBytes, 0, contextBytes.Length, null, 0);
            hmac.TransformFinalBlock(sealedBytes, 0, length);
            return hmac.Hash!;
        }

        private static bool FixedTimeEquals(byte[] a, byte[] b)
        {
            if (a.Length != b.Length)
                return false;
            var difference = 0;
            for (var i = 0; i < a.Length; i++)
                difference |= a[i] ^ b[i];
            return difference == 0;
        }
    }
}
