using System;
using System.IO;
using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.Security;

namespace Omm.Engine.OAuth
{
    /// <summary>RSA private keys in PEM (PKCS#8 or PKCS#1) on netstandard2.0, which cannot import them itself: read by BouncyCastle.</summary>
    internal static class PemKeys
    {
        /// <exception cref="FormatException">No RSA private key is there (the message never quotes the text).</exception>
        public static RSAParameters ReadRsaPrivateKey(string pem)
        {
            object? read;
            try
            {
                using var reader = new StringReader(pem.Replace("\\n", "\n"));
                read = new PemReader(reader).ReadObject();
            }
            catch (Exception e) when (e is IOException || e is PemException || e is ArgumentException || e is InvalidCastException)
            {
                throw new FormatException("is not a PEM private key.");
            }

            var parameters = read switch
            {
                RsaPrivateCrtKeyParameters crt => crt,
                AsymmetricCipherKeyPair pair => pair.Private as RsaPrivateCrtKeyParameters,
                _ => null,
            };
            if (parameters == null)
                throw new FormatException(read == null ? "is not a PEM private key." : "is not an RSA private key.");
            return DotNetUtilities.ToRSAParameters(parameters);
        }
    }
}
