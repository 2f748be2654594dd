using System.Net;
using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;
using Omm.Engine.State;
using Omm.TestServers;

namespace Omm.Engine.Tests;

/// <summary>
/// A server that pushes back (RFC 5530 response codes, BYE), on either side: what can pass is retried
/// with the connection backoff, what is about one message is an item error quoting the server, a full
/// destination stops the pass. Real Dovecot gives OVERQUOTA, LIMIT and the BYE of a kick; a proxy of
/// our own answers the rest in the server's place (never for a command the server carried out).
/// </summary>
public sealed class ServerPushbackTests : IDisposable
{
    private const string User = "gil";
    private const int OverLimitSize = 77_777;

    private readonly string directory = Directory.CreateTempSubdirectory("omm-pushback-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Theory]
    [InlineData(EndpointRole.Destination, "APPEND", 2, "NO [UNAVAILABLE] Mail storage is down for maintenance")]
    [InlineData(EndpointRole.Destination, "SELECT", 1, "NO [INUSE] Mailbox is being rebuilt by another session")]
    [InlineData(EndpointRole.Source, "FETCH", 3, "NO [UNAVAILABLE] Backend busy, try again later")]
    [InlineData(EndpointRole.Source, "EXAMINE", 1, "NO [INUSE] Mailbox is locked")]
    public async Task A_temporary_refusal_is_retried_with_the_servers_reason_and_each_message_copied_once(EndpointRole side, string command, int nth, string reply)
    {
        using var scene = ProxyScene(side);
        scene.Proxy.Answer(command, nth, reply);
        var observer = new RecordingObserver();

        var result = await TestMigrations.RunPass(scene.Store, scene.Id, scene.From, scene.To, observer);

        Assert.True(result.Migration.Status == MigrationStatus.Completed, $"{result.Migration.Status}: {result.Migration.FailureReason}");
        Assert.Equal(1, scene.Proxy.Answered);
        var text = reply.Substring("NO ".Length);
        var warning = Assert.Single(observer.Lines, l => l.Contains("Connecting again in", StringComparison.Ordinal));
        Assert.StartsWith($"WARNING: The {Side(side)} server {scene.Proxy.Address} refused", warning);
        Assert.Contains($"for the moment: {text} What was copied before stays.", warning);
        Assert.Empty(result.Migration.Errors);
        AssertCopiedOnce(scene.Source, scene.Destination);
    }

    [Fact]
    public async Task A_login_refused_for_the_moment_is_retried()
    {
        using var scene = ProxyScene(EndpointRole.Destination);
        // Every mechanism MailKit tries on the first connection is refused.
        scene.Proxy.Answer(c => c.Connection == 1 && (c.Name == "AUTHENTICATE" || c.Name == "LOGIN"), "NO [UNAVAILABLE] User's backend down for maintenance");
        var observer = new RecordingObserver();

        var result = await TestMigrations.RunPass(scene.Store, scene.Id, scene.From, scene.To, observer);

        Assert.True(result.Migration.Status == MigrationStatus.Completed, $"{result.Migration.Status}: {result.Migration.FailureReason}");
        var warning = Assert.Single(observer.Lines, l => l.Contains("Connecting again in", StringComparison.Ordinal));
        Assert.StartsWith($"WARNING: The destination server {scene.Proxy.Address} refused the login of '{User}' for the moment: " +
                          "[UNAVAILABLE] User's backend down for maintenance", warning);
        AssertCopiedOnce(scene.Source, scene.Destination);
    }

    [Theory]
    [InlineData(EndpointRole.Destination, "APPEND", 2)]
    [InlineData(EndpointRole.Source, "FETCH", 3)]
    public async Task A_bye_from_a_server_shutting_down_is_retried_with_its_reason(EndpointRole side, string command, int nth)
    {
        using var scene = ProxyScene(side);
        scene.Proxy.Answer(command, nth, "BYE [UNAVAILABLE] Server shutting down for maintenance");
        var observer = new RecordingObserver();

        var result = await TestMigrations.RunPass(scene.Store, scene.Id, scene.From, scene.To, observer);

        Assert.True(result.Migration.Status == MigrationStatus.Completed, $"{result.Migration.Status}: {result.Migration.FailureReason}");
        var warning = Assert.Single(observer.Lines, l => l.Contains("Connecting again in", StringComparison.Ordinal));
        Assert.StartsWith($"WARNING: The {Side(side)} server {scene.Proxy.Address} closed the connection while ", warning);
        Assert.Contains(": BYE [UNAVAILABLE] Server shutting down for maintenance What was copied before stays.", warning);
        AssertCopiedOnce(scene.Source, scene.Destination);
    }

    [Fact]
    public async Task A_destination_that_stays_unavailable_fails_the_pass_after_a_few_attempts_and_nothing_is_stored()
    {
        using var scene = ProxyScene(EndpointRole.Destination);
        scene.Proxy.Answer("APPEND", 1, "NO [UNAVAILABLE] Mail storage is down for maintenance", times: int.MaxValue);

        var result = await TestMigrations.RunPass(scene.Store, scene.Id, scene.From, scene.To, connectionRetries: 2);

        Assert.Equal(MigrationStatus.Failed, result.Migration.Status);
        Assert.Equal(FailureKind.ServerUnavailable, result.Failure!.Kind);
        Assert.StartsWith($"The destination server {scene.Proxy.Address} refused appending to 'INBOX' for the moment: " +
                          "[UNAVAILABLE] Mail storage is down for maintenance", result.Migration.FailureReason);
        Assert.EndsWith("Gave up after 3 attempts without progress.", result.Migration.FailureReason);
        Assert.Empty(result.Migration.Errors);
        Assert.Empty(MailboxSnapshot.Read(scene.Destination, User).In("INBOX"));
    }

    [Fact]
    public async Task A_message_the_destination_finds_too_big_is_an_item_error_quoting_the_server_and_its_batch_lands_once()
    {
        using var scene = ProxyScene(EndpointRole.Destination, overLimit: new[] { 5, 40, 41 });
        scene.Proxy.Answer(c => c.Name == "APPEND" && c.Contains($"-{OverLimitSize}@omm.test>"), "NO [TOOBIG] Message exceeds the size limit of this mailbox");

        var result = await TestMigrations.RunPass(scene.Store, scene.Id, scene.From, scene.To);

        AssertOverLimitRefused(result, scene.Source, scene.Destination, 3, "The destination refused the message: [TOOBIG] Message exceeds the size limit of this mailbox");
    }

    [Fact]
    public async Task A_message_over_dovecots_size_limit_is_an_item_error_with_its_limit_text()
    {
        using var source = DovecotServer.Start();
        using var destination = DovecotServer.Start(new DovecotOptions { Separator = '.', MaxMessageSize = 60_000 });
        TestMigrations.Seed(source, User, Messages(70, overLimit: new[] { 0, 33, 34, 69 }));
        var store = new StateStore(Path.Combine(directory, "omm.db"));
        var (from, to) = (TestMigrations.Endpoint(EndpointRole.Source, source, User), TestMigrations.Endpoint(EndpointRole.Destination, destination, User));
        var id = TestMigrations.Create(store, from, to).Id;

        var result = await TestMigrations.RunPass(store, id, from, to);

        AssertOverLimitRefused(result, source, destination, 4,
            "The destination refused the message: [LIMIT] Mail size is larger than the maximum size allowed by server configuration");
    }

    [Fact]
    public async Task A_full_destination_fails_the_pass_with_the_servers_text_and_a_later_sync_goes_on()
    {
        using var source = DovecotServer.Start();
        var options = new DovecotOptions { Separator = '.', QuotaBytes = 500_000 };
        using var destination = DovecotServer.Start(options);
        TestMigrations.Seed(source, User, Messages(60));
        var store = new StateStore(Path.Combine(directory, "omm.db"));
        var (from, to) = (TestMigrations.Endpoint(EndpointRole.Source, source, User), TestMigrations.Endpoint(EndpointRole.Destination, destination, User));
        var id = TestMigrations.Create(store, from, to).Id;
        var observer = new RecordingObserver();

        var full = await TestMigrations.RunPass(store, id, from, to, observer);

        Assert.Equal(MigrationStatus.Failed, full.Migration.Status);
        Assert.Equal(FailureKind.OverQuota, full.Failure!.Kind);
        Assert.StartsWith("The destination mailbox is over its quota: Quota exceeded (mailbox for user is full)", full.Migration.FailureReason);
        Assert.DoesNotContain(observer.Lines, l => l.Contains("Connecting again", StringComparison.Ordinal));
        Assert.Empty(full.Migration.Errors);
        var copied = MailboxSnapshot.Read(destination, User).In("INBOX");
        Assert.InRange(copied.Count, 1, 59);
        var original = MailboxSnapshot.Read(source, User).In("INBOX").Select(m => m.Sha256).ToHashSet();
        Assert.All(copied, m => Assert.Contains(m.Sha256, original));
        Assert.Equal(copied.Count, copied.Select(m => m.Sha256).Distinct().Count());
        Assert.Equal(copied.Count, store.GetMigratedItems(id, "INBOX").Count);

        destination.Reload(options with { QuotaBytes = 5_000_000 });
        var resumed = await TestMigrations.RunPass(store, id, from, to);

        Assert.True(resumed.Migration.Status == MigrationStatus.Completed, $"{resumed.Migration.Status}: {resumed.Migration.FailureReason}");
        AssertCopiedOnce(source, destination);
        Assert.Equal(60, store.GetMigratedItems(id, "INBOX").Count);
    }

    [Fact]
    public async Task A_destination_kicking_the_user_mid_pass_is_reconnected_with_dovecots_bye_in_the_warning()
    {
        using var scene = ProxyScene(EndpointRole.Destination);
        scene.Proxy.Before("APPEND", 2, () => scene.Destination.Kick(User));
        var observer = new RecordingObserver();

        var result = await TestMigrations.RunPass(scene.Store, scene.Id, scene.From, scene.To, observer, connections: 1);

        Assert.True(result.Migration.Status == MigrationStatus.Completed, $"{result.Migration.Status}: {result.Migration.FailureReason}");
        var warning = Assert.Single(observer.Lines, l => l.Contains("Connecting again in", StringComparison.Ordinal));
        Assert.StartsWith($"WARNING: The destination server {scene.Proxy.Address} closed the connection while appending to 'INBOX': BYE Server shutting down.", warning);
        AssertCopiedOnce(scene.Source, scene.Destination);
    }

    private static void AssertOverLimitRefused(PassResult result, DovecotServer source, DovecotServer destination, int refused, string message)
    {
        Assert.True(result.Migration.Status == MigrationStatus.CompletedWithErrors, $"{result.Migration.Status}: {result.Migration.FailureReason}");
        Assert.Equal(refused, result.Migration.Errors.Count);
        Assert.All(result.Migration.Errors, e =>
        {
            Assert.Equal(ItemErrorType.Error, e.Type);
            Assert.StartsWith("Over the limit ", e.ItemName);
            Assert.StartsWith(message, e.Message);
        });
        var mail = Assert.Single(result.Migration.Progress);
        Assert.Equal(refused, mail.InError);
        var expected = MailboxSnapshot.Read(source, User).In("INBOX").Where(m => !IsOverLimit(m)).Select(m => m.Sha256).Order();
        Assert.Equal(expected, MailboxSnapshot.Read(destination, User).In("INBOX").Select(m => m.Sha256).Order());
    }

    private static bool IsOverLimit(ImapMessage message) =>
        System.Text.Encoding.ASCII.GetString(message.Body).Contains($"-{OverLimitSize}@omm.test>", StringComparison.Ordinal);

    private static void AssertCopiedOnce(DovecotServer source, DovecotServer destination)
    {
        var original = MailboxSnapshot.Read(source, User).In("INBOX");
        Assert.Equal(original.Select(m => m.Sha256).Order(), MailboxSnapshot.Read(destination, User).In("INBOX").Select(m => m.Sha256).Order());
    }

    /// <summary>Messages of 3-35 KB; those at <paramref name="overLimit"/> are about 80 KB (their Message-ID ends in <see cref="OverLimitSize"/>).</summary>
    private static IEnumerable<SeedMessage> Messages(int count, IReadOnlyCollection<int>? overLimit = null) =>
        Enumerable.Range(0, count).Select(i => overLimit?.Contains(i) == true
            ? new SeedMessage("INBOX", SampleMailbox.Generate(5000 + i, $"Over the limit {i}", OverLimitSize), Array.Empty<string>(),
                new DateTimeOffset(2021, 3, 3, 3, 3, 3, TimeSpan.Zero).AddHours(i), "over the limit")
            : new SeedMessage("INBOX", SampleMailbox.Generate(5000 + i, $"Pushback {i}", 3_000 + 449 * i), new[] { "\\Seen" },
                new DateTimeOffset(2021, 3, 3, 3, 3, 3, TimeSpan.Zero).AddHours(i), "pushback"));

    private static string Side(EndpointRole role) => role == EndpointRole.Source ? "source" : "destination";

    /// <summary>Two Dovecot servers, 70 messages on the source, the pushback proxy in front of one side, and a migration through it.</summary>
    private ProxiedMigration<ImapPushbackProxy> ProxyScene(EndpointRole side, IReadOnlyCollection<int>? overLimit = null) =>
        new(side, directory, User, Messages(70, overLimit), ImapPushbackProxy.Start);
}
