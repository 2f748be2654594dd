using System.Security.Cryptography;
using Omm.Engine.Endpoints;
using Omm.Engine.Connectors.Imap;
using Omm.Engine.State;
using Omm.TestServers;

namespace Omm.Engine.Tests;

/// <summary>The pass's memory for messages between read and append: chunks, a budget, and files beyond it.</summary>
public sealed class MessageMemoryTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(MessageMemory.ChunkSize - 1)]
    [InlineData(MessageMemory.ChunkSize)]
    [InlineData(MessageMemory.ChunkSize + 1)]
    [InlineData(3 * MessageMemory.ChunkSize + 4321)]
    public void A_message_written_in_odd_pieces_reads_back_the_same_across_chunk_edges(int length)
    {
        var bytes = RandomNumberGenerator.GetBytes(length);
        var memory = new MessageMemory(1024 * 1024);
        using var buffer = new ChunkedMessageBuffer(memory, memory.TryTake(length)!, length);

        // pieces of 1, 2, 3... bytes, as a network read would hand them over
        for (int at = 0, piece = 1; at < length; at += piece, piece = piece % 7000 + 1)
            buffer.Write(bytes, at, Math.Min(piece, length - at));

        Assert.Equal(length, buffer.Length);
        buffer.Position = 0;
        var read = new MemoryStream();
        var scratch = new byte[5000];
        int n;
        while ((n = buffer.Read(scratch, 0, scratch.Length)) > 0)
            read.Write(scratch, 0, n);
        Assert.Equal(bytes, read.ToArray());

        var copied = new MemoryStream();
        buffer.CopyTo(copied, from: Math.Min(length, 7));
        Assert.Equal(bytes.Skip(Math.Min(length, 7)).ToArray(), copied.ToArray());

        buffer.Position = Math.Max(0, length - 1);
        Assert.Equal(length == 0 ? -1 : bytes[^1], buffer.ReadByte());
    }

    [Fact]
    public void Writing_past_the_announced_length_is_refused_and_nothing_is_overwritten()
    {
        var memory = new MessageMemory(1024 * 1024);
        using var buffer = new ChunkedMessageBuffer(memory, memory.TryTake(10)!, 10);
        buffer.Write(new byte[10], 0, 10);

        Assert.Throws<IOException>(() => buffer.Write(new byte[1], 0, 1));
        Assert.Equal(10, buffer.Length);
    }

    [Fact]
    public void The_budget_holds_and_chunks_given_back_are_used_again()
    {
        var memory = new MessageMemory(4 * MessageMemory.ChunkSize);
        var first = memory.TryTake(3 * MessageMemory.ChunkSize)!;

        Assert.Null(memory.TryTake(MessageMemory.ChunkSize + 1));
        Assert.Equal(1, memory.Refused);
        var last = memory.TryTake(MessageMemory.ChunkSize)!;
        Assert.Equal(4 * MessageMemory.ChunkSize, memory.BytesTaken);

        new ChunkedMessageBuffer(memory, first, 3 * MessageMemory.ChunkSize).Dispose();
        var again = memory.TryTake(2 * MessageMemory.ChunkSize)!;

        Assert.All(again, chunk => Assert.Contains(chunk, first));
        Assert.Equal(3 * MessageMemory.ChunkSize, memory.BytesTaken);
        Assert.Equal(4 * MessageMemory.ChunkSize, memory.MostBytesTaken);
        GC.KeepAlive(last);
    }

    [Fact]
    public void Disposing_twice_gives_the_chunks_back_once()
    {
        var memory = new MessageMemory(2 * MessageMemory.ChunkSize);
        var buffer = new ChunkedMessageBuffer(memory, memory.TryTake(MessageMemory.ChunkSize)!, MessageMemory.ChunkSize);
        buffer.Dispose();
        buffer.Dispose();

        Assert.Equal(0, memory.BytesTaken);
        Assert.NotNull(memory.TryTake(2 * MessageMemory.ChunkSize));
        Assert.Null(memory.TryTake(1));
    }

    [Fact]
    public void A_spool_whose_memory_is_full_puts_the_message_in_a_temporary_file_that_goes_on_close()
    {
        var directory = Directory.CreateTempSubdirectory("omm-spool-test-").FullName;
        try
        {
            var spool = new MessageSpool(directory, new MessageMemory(MessageMemory.ChunkSize));
            using var inMemory = spool.Create(1000);
            var toFile = spool.Create(1000);

            Assert.IsType<ChunkedMessageBuffer>(inMemory);
            Assert.IsType<FileStream>(toFile);
            Assert.Single(Directory.GetFiles(directory));
            toFile.Dispose();
            Assert.Empty(Directory.GetFiles(directory));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_migration_whose_message_memory_is_too_small_for_its_batches_still_copies_every_message_byte_for_byte()
    {
        using var source = DovecotServer.Start();
        using var destination = DovecotServer.Start(new DovecotOptions { Separator = '.' });
        var sizes = new[] { 900, 15_000, MessageMemory.ChunkSize, 40_000, 200_000, 700_000, 3_000, 120_000 };
        TestMigrations.Seed(source, "tight", Enumerable.Range(0, 40).Select(i => new SeedMessage(i % 2 == 0 ? "INBOX" : "Archive",
            SampleMailbox.Generate(i, $"Tight {i}", sizes[i % sizes.Length]), i % 3 == 0 ? new[] { "\\Seen" } : Array.Empty<string>(),
            new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).AddHours(i * 7), $"tight {i}")));
        var directory = Directory.CreateTempSubdirectory("omm-tight-").FullName;
        try
        {
            var store = new StateStore(Path.Combine(directory, "tight.db"));
            var from = TestMigrations.Endpoint(EndpointRole.Source, source, "tight");
            var to = TestMigrations.Endpoint(EndpointRole.Destination, destination, "tight");
            var id = TestMigrations.Create(store, from, to).Id;
            var observer = new RecordingObserver();

            // 256 KB: a batch of these messages never fits, so most wait in files; some still fit in memory.
            var result = await TestMigrations.RunPass(store, id, from, to, observer, messageMemoryBudget: 256 * 1024);

            Assert.True(result.Migration.Status == MigrationStatus.Completed, $"{result.Migration.Status}: {result.Migration.FailureReason}");
            Assert.Empty(observer.Problems);
            var summary = Assert.Single(observer.Lines, l => l.StartsWith("Messages waited between read and append", StringComparison.Ordinal));
            Assert.Matches(@"budget [\d.]+ MB; [1-9]\d* found it full", summary);
            SyncTests.AssertSameMail(source, "tight", destination);
            var copied = MailboxSnapshot.Read(destination, "tight");
            Assert.Equal(40, copied.In("INBOX").Count + copied.In("Archive").Count);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
