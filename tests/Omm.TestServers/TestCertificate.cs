using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Omm.TestServers;

/// <summary>A server certificate and its private key, in PEM, for a test server's TLS listener.</summary>
public sealed record TestCertificate(string CertificatePem, string PrivateKeyPem, string Subject)
{
    /// <summary>A certificate that signs itself, as an admin's test box or a fresh appliance has.</summary>
    public static TestCertificate SelfSigned(params string[] names)
    {
        using var key = RSA.Create(2048);
        var request = ServerRequest(key, names);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(2));
        return new TestCertificate(certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem(), certificate.Subject);
    }

    /// <summary>CN = the first name; each name also a subject alternative name (an IP address or a DNS name).</summary>
    internal static CertificateRequest ServerRequest(RSA key, string[] names)
    {
        if (names.Length == 0)
            throw new ArgumentException("Give the host names the certificate is for.", nameof(names));
        var request = new CertificateRequest($"CN={names[0]}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var alternativeNames = new SubjectAlternativeNameBuilder();
        foreach (var name in names)
        {
            if (IPAddress.TryParse(name, out var address))
                alternativeNames.AddIpAddress(address);
            else
                alternativeNames.AddDnsName(name);
        }

        request.CertificateExtensions.Add(alternativeNames.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, false));
        return request;
    }

    /// <summary>Writes the certificate and key as cert.pem and key.pem into a folder; returns their paths.</summary>
    public (string Certificate, string Key) WriteTo(string directory)
    {
        var certificate = Path.Combine(directory, "cert.pem");
        var key = Path.Combine(directory, "key.pem");
        File.WriteAllText(certificate, CertificatePem);
        File.WriteAllText(key, PrivateKeyPem);
        return (certificate, key);
    }
}
