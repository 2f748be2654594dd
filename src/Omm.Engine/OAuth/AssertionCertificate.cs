using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;

namespace Omm.Engine.OAuth
{
    /// <summary>
    /// The certificate an application proves itself with (<see cref="OAuthOptionNames.Certificate"/>): its thumbprints and
    /// its private key. Found by thumbprint in CurrentUser\My, then LocalMachine\My; or read from a .pfx/.p12 file (the
    /// secret is its password) or a .pem file holding the certificate and its private key.
    /// </summary>
    internal sealed class AssertionCertificate : IDisposable
    {
        private AssertionCertificate(byte[] rawData, RSA key)
        {
            using (var sha1 = SHA1.Create())
                Sha1Thumbprint = sha1.ComputeHash(rawData);
            using (var sha256 = SHA256.Create())
                Sha256Thumbprint = sha256.ComputeHash(rawData);
            Key = key;
        }

        public byte[] Sha1Thumbprint { get; }

        public byte[] Sha256Thumbprint { get; }

        public RSA Key { get; }

        public void Dispose() => Key.Dispose();

        /// <exception cref="ArgumentException">Not found, unreadable, or without an RSA private key (the message names the certificate as given).</exception>
        public static AssertionCertificate Load(string certificate, string? password)
        {
            var thumbprint = Regex.Replace(certificate, @"[\s:]", string.Empty);
            if (Regex.IsMatch(thumbprint, "^[0-9A-Fa-f]{40}$") && !File.Exists(certificate))
                return FromStore(thumbprint.ToUpperInvariant(), certificate);
            if (!File.Exists(certificate))
                throw new ArgumentException($"Option {OAuthOptionNames.Certificate}: '{certificate}' is neither a certificate thumbprint nor a file.");
            if (certificate.EndsWith(".pem", StringComparison.OrdinalIgnoreCase) || certificate.EndsWith(".crt", StringComparison.OrdinalIgnoreCase))
                return FromPem(certificate);
            try
            {
                using var x509 = new X509Certificate2(certificate, password);
                return FromX509(x509, certificate);
            }
            catch (CryptographicException e)
            {
                throw new ArgumentException($"Option {OAuthOptionNames.Certificate}: '{certificate}' cannot be read as a .pfx (is the password, the secret, right?): {e.Message}", e);
            }
        }

        private static AssertionCertificate FromStore(string thumbprint, string given)
        {
            foreach (var location in new[] { StoreLocation.CurrentUser, StoreLocation.LocalMachine })
            {
                try
                {
                    using var store = new X509Store(StoreName.My, location);
                    store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
                    var found = store.Certificates.Find(X509FindType.FindByThumbprint, thumbprint, validOnly: false);
                    try
                    {
                        if (found.Count > 0)
                            return FromX509(found[0], given);
                    }
                    finally
                    {
                        foreach (var x509 in found)
                            x509.Dispose();
                    }
                }
                catch (CryptographicException)
                {
                    // The store does not exist here (LocalMachine on Linux): look in the next.
                }
            }

            throw new ArgumentException($"Option {OAuthOptionNames.Certificate}: no certificate with thumbprint {thumbprint} is in CurrentUser\\My or LocalMachine\\My.");
        }

        private static AssertionCertificate FromX509(X509Certificate2 x509, string given)
        {
            if (!x509.HasPrivateKey)
                throw new ArgumentException($"Option {OAuthOptionNames.Certificate}: the certificate {given} has no private key here.");
            var key = x509.GetRSAPrivateKey() ?? throw new ArgumentException($"Option {OAuthOptionNames.Certificate}: the certificate {given} has no RSA key.");
            return new AssertionCertificate(x509.RawData, key);
        }

        private static AssertionCertificate FromPem(string path)
        {
            var text = File.ReadAllText(path);
            var match = Regex.Match(text, "-----BEGIN CERTIFICATE-----(.*?)-----END CERTIFICATE-----", RegexOptions.Singleline);
            if (!match.Success)
                throw new ArgumentException($"Option {OAuthOptionNames.Certificate}: '{path}' holds no PEM certificate.");
            var raw = Convert.FromBase64String(Regex.Replace(match.Groups[1].Value, @"\s", string.Empty));
            RSAParameters parameters;
            try
            {
                parameters = PemKeys.ReadRsaPrivateKey(text.Substring(0, match.Index) + text.Substring(match.Index + match.Length));
            }
            catch (FormatException e)
            {
                throw new ArgumentException($"Option {OAuthOptionNames.Certificate}: '{path}' {e.Message}");
            }

            var key = RSA.Create();
            key.ImportParameters(parameters);
            return new AssertionCertificate(raw, key);
        }
    }
}
