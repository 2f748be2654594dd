using Omm.Engine.Endpoints;
using Omm.Engine.State;
using Omm.TestServers;

namespace Omm.Engine.Tests;

/// <summary>
/// A 50 MB message between real Dovecot servers. Run alone (no other test class in parallel), so that the
/// bytes the process allocates during the pass are the pass's own.
/// </summary>
[Collection(MeasuredAlone.Name)]
public sealed class LargeMessageTests : IDisposable
{
    private const int MessageBytes = 50 * 1024 * 1024;

    private readonly string directory = Directory.CreateTempSubdirectory("omm-large-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task A_50_MB_message_is_copied_byte_for_byte_without_being_held_in_memory()
    {
        using var source = DovecotServer.Start();
        using var destination = DovecotServer.Start(new DovecotOptions { Separator = '.' });
        var date = new DateTimeOffset(2020, 2, 29, 23, 59, 59, TimeSpan.FromHours(-5));
        var large = new SeedMessage("INBOX", SampleMailbox.Generate(50, "Fifty megabytes", MessageBytes), new[] { "\\Seen", "\\Answered" }, date, "50 MB");
        TestMigrations.Seed(source, "big", new[] { large }.Concat(SyncTests.Messages("INBOX", 0, 3)));
        var store = new StateStore(Path.Combine(directory, "big.db"));
        var from = TestMigrations.Endpoint(EndpointRole.Source, source, "big");
        var to = TestMigrations.Endpoint(EndpointRole.Destination, destination, "big");
        var id = TestMigrations.Create(store, from, to).Id;
        var observer = new RecordingObserver();

        GC.Collect();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var result = await TestMigrations.RunPass(store, id, from, to, observer);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

        Assert.True(result.Migration.Status == MigrationStatus.Completed, $"{result.Migration.Status}: {result.Migration.FailureReason}");
        Assert.Empty(observer.Problems);
        // The message goes from the source's socket to a temporary file and from there to the destination's
        // socket: the pass allocates less than one copy of it would take (about 22 MB, short-lived objects of
        // each network read and write; with the spool kept in memory it was 89 MB).
        Assert.True(allocated < MessageBytes, $"The pass allocated {allocated:N0} bytes for a {MessageBytes:N0}-byte message.");
        SyncTests.AssertSameMail(source, "big", destination);
        Assert.Contains(MailboxSnapshot.Read(destination, "big").In("INBOX"), m => m.Body.Length == large.Bytes.Length);

        var again = await TestMigrations.RunPass(store, id, from, to, observer);

        Assert.Equal(MigrationStatus.Completed, again.Migration.Status);
        Assert.Empty(store.GetMigratedItemsFrom(id, 2));
        Assert.Equal(4, MailboxSnapshot.Read(destination, "big").In("INBOX").Count);
    }
}
