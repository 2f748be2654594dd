using System.Security.Cryptography;
using Omm.Engine.Secrets;

namespace Omm.Engine.Tests;

public class ProjectKeyTests
{
    private static readonly byte[] Salt = ProjectKey.NewSalt();
    private static readonly ProjectKey Key = ProjectKey.Derive("correct horse battery staple", Salt);

    [Fact]
    public void A_sealed_secret_opens_with_the_same_password_and_context_only()
    {
        var sealedBytes = Key.Seal("S3cret pässword", "abc/Source");

        Assert.Equal("S3cret pässword", Key.Open(sealedBytes, "abc/Source"));
        Assert.Throws<CryptographicException>(() => Key.Open(sealedBytes, "abc/Destination"));
        using var other = ProjectKey.Derive("Correct horse battery staple", Salt);
        Assert.Throws<CryptographicException>(() => other.Open(sealedBytes, "abc/Source"));
        Assert.False(other.Matches(Key.Check()));
        using var same = ProjectKey.Derive("correct horse battery staple", Salt);
        Assert.True(same.Matches(Key.Check()));
    }

    [Fact]
    public void Any_changed_byte_is_detected_and_the_plaintext_is_not_stored()
    {
        var sealedBytes = Key.Seal("plain-text-password", "x");
        Assert.True(sealedBytes.AsSpan().IndexOf("plain-text-password"u8) < 0);
        for (var i = 0; i < sealedBytes.Length; i += 7)
        {
            var tampered = (byte[])sealedBytes.Clone();
            tampered[i] ^= 0x01;
            Assert.Throws<CryptographicException>(() => Key.Open(tampered, "x"));
        }

        Assert.NotEqual(sealedBytes, Key.Seal("plain-text-password", "x"));
    }
}
