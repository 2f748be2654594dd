using System.Security.Cryptography;
using Omm.Engine.Connectors.Imap;

namespace Omm.Engine.Tests.Connectors;

/// <summary>A message of unknown length is kept in memory while small and moved to a temporary file when it grows.</summary>
public sealed class SpillingMessageBufferTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("omm-spill-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void A_small_message_stays_in_memory_and_a_large_one_goes_to_a_file_deleted_on_close_with_every_byte_kept()
    {
        var small = RandomNumberGenerator.GetBytes(1000);
        var large = RandomNumberGenerator.GetBytes(3 * 1024 * 1024 + 17);

        using (var buffer = new SpillingMessageBuffer(directory, 1024 * 1024))
        {
            buffer.Write(small);
            Assert.False(buffer.Spilled);
            Assert.Empty(Directory.GetFiles(directory));
        }

        var spilled = new SpillingMessageBuffer(directory, 1024 * 1024);
        for (var offset = 0; offset < large.Length; offset += 70_000)
            spilled.Write(large, offset, Math.Min(70_000, large.Length - offset));
        Assert.True(spilled.Spilled);
        Assert.Single(Directory.GetFiles(directory));
        spilled.Position = 0;
        var read = new MemoryStream();
        spilled.CopyTo(read);
        Assert.Equal(large, read.ToArray());
        spilled.Dispose();
        Assert.Empty(Directory.GetFiles(directory));
    }
}
