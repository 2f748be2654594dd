using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Omm.TestServers;

/// <summary>
/// A throwaway certificate authority that this user's .NET trusts while it lives (it is added to the
/// CurrentUser root store, which .NET on Linux adds to the system's trusted roots, and removed on
/// Dispose; it expires in two days anyway). It publishes its (empty) revocation list on 127.0.0.1, as a
/// public CA does, so certificates it issues validate like a public CA's, revocation check included,
/// and a test can show the one problem it wants, e.g. a certificate issued for another host name.
/// </summary>
public sealed class TestCertificateAuthority : IDisposable
{
    private readonly RSA key;
    private readonly X509Certificate2 certificate;
    private readonly HttpListener revocationList;
    private bool trusted;

    private TestCertificateAuthority(RSA key, X509Certificate2 certificate)
    {
        this.key = key;
        this.certificate = certificate;
        var port = FreePort.Next();
        RevocationListUrl = $"http://127.0.0.1:{port}/omm-test-ca.crl";
        var empty = new CertificateRevocationListBuilder().Build(certificate, 1, DateTimeOffset.UtcNow.AddDays(2), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        revocationList = new HttpListener();
        revocationList.Prefixes.Add($"http://127.0.0.1:{port}/");
        revocationList.Start();
        _ = ServeAsync(empty);
    }

    /// <summary>Where the issued certificates say the revocation list is (their CRL distribution point).</summary>
    public string RevocationListUrl { get; }

    public string Subject => certificate.Subject;

    /// <summary>Creates the authority and trusts it for this user until Dispose.</summary>
    public static TestCertificateAuthority CreateTrusted()
    {
        var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN=Omm Test CA {Guid.NewGuid():N}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var authority = new TestCertificateAuthority(key, request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-10), DateTimeOffset.UtcNow.AddDays(2)));
        try
        {
            using var store = new X509Store(StoreName.Root, StoreLocation.CurrentUser);
            store.Open(OpenFlags.ReadWrite);
            store.Add(X509CertificateLoader.LoadCertificate(authority.certificate.RawData));
            authority.trusted = true;
            return authority;
        }
        catch
        {
            authority.Dispose();
            throw;
        }
    }

    /// <summary>A server certificate for these names (DNS names or IP addresses), signed by this authority.</summary>
    public TestCertificate Issue(params string[] names)
    {
        using var serverKey = RSA.Create(2048);
        var request = TestCertificate.ServerRequest(serverKey, names);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(certificate, true, false));
        request.CertificateExtensions.Add(CertificateRevocationListBuilder.BuildCrlDistributionPointExtension(new[] { RevocationListUrl }));
        var serial = new byte[12];
        RandomNumberGenerator.Fill(serial);
        serial[0] &= 0x7f;
        using var issued = request.Create(certificate, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1), serial);
        return new TestCertificate(issued.ExportCertificatePem(), serverKey.ExportPkcs8PrivateKeyPem(), issued.Subject);
    }

    private async Task ServeAsync(byte[] list)
    {
        while (revocationList.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await revocationList.GetContextAsync();
            }
            catch (Exception) when (!revocationList.IsListening)
            {
                return;
            }

            context.Response.ContentType = "application/pkix-crl";
            context.Response.ContentLength64 = list.Length;
            await context.Response.OutputStream.WriteAsync(list);
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        revocationList.Close();
        if (trusted)
        {
            trusted = false;
            using var store = new X509Store(StoreName.Root, StoreLocation.CurrentUser);
            store.Open(OpenFlags.ReadWrite);
            store.Remove(certificate);
        }

        certificate.Dispose();
        key.Dispose();
    }
}
