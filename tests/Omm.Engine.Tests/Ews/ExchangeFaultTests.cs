using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;
using Omm.TestServers;
using Omm.TestServers.Ews;

namespace Omm.Engine.Tests.Ews;

/// <summary>
/// Whole passes Dovecot ↔ the EWS test server whose connections break, stall or are refused: a pass is run again by
/// the connection retry and ends with every message once on the destination, or fails soon with the side named.
/// </summary>
public sealed class ExchangeFaultTests : ExchangeFaultHarness
{
    [Theory]
    [InlineData(FaultPoint.BeforeRunning)]
    [InlineData(FaultPoint.AfterRunning)]
    public async Task A_CreateItem_batch_whose_connection_drops_is_sent_again_or_its_stored_copies_taken_over(FaultPoint point)
    {
        var sample = Messages(12);
        SeedDovecot("INBOX", sample);
        var from = DovecotSide(EndpointRole.Source);
        var to = ExchangeSide(EndpointRole.Destination);
        var id = Create(from, to);
        Exchange.DropConnectionOn("CreateItem", point);
        var observer = new RecordingObserver();

        var result = await Run(id, from, to, observer);

        AssertStatus(MigrationStatus.Completed, result);
        Assert.Contains(Exchange.Requests, r => r.Operation == "CreateItem" && r.HttpStatus == 0);
        Assert.Contains(observer.Lines, l => l.StartsWith("WARNING: The connection to the destination Exchange server", StringComparison.Ordinal));
        AssertOnceInExchange("Inbox", sample);
        Assert.Equal(sample.Count, Store.GetMigratedItems(id, "INBOX").Count);
        if (point == FaultPoint.AfterRunning)
            Assert.Contains(observer.Lines, l => l.Contains("an interrupted pass made without recording them", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_connection_dropped_in_the_middle_of_a_large_message_from_Exchange_is_read_again_once()
    {
        var large = SampleMailbox.Generate(7, "Two megabytes", 2_000_000);
        var sample = new[] { large }.Concat(Messages(4)).ToList();
        SeedExchange("Inbox", sample);
        var from = ExchangeSide(EndpointRole.Source);
        var to = DovecotSide(EndpointRole.Destination);
        var id = Create(from, to);
        // The first message read is the first stored, the large one: its answer is cut after a megabyte or so.
        Exchange.DropConnectionOn("GetItem", FaultPoint.MidAnswer);

        var result = await Run(id, from, to);

        AssertStatus(MigrationStatus.Completed, result);
        Assert.Contains(Exchange.Requests, r => r.Operation == "GetItem" && r.HttpStatus == 0);
        AssertOnceInDovecot("INBOX", sample);
    }

    [Theory]
    [InlineData(FaultPoint.BeforeRunning)]
    [InlineData(FaultPoint.MidAnswer)]
    public async Task A_folder_listing_from_Exchange_whose_connection_drops_is_asked_again(FaultPoint point)
    {
        var sample = Messages(6);
        SeedExchange("Inbox", sample);
        var from = ExchangeSide(EndpointRole.Source);
        var to = DovecotSide(EndpointRole.Destination);
        var id = Create(from, to);
        Exchange.DropConnectionOn("SyncFolderItems", point);

        var result = await Run(id, from, to);

        AssertStatus(MigrationStatus.Completed, result);
        Assert.Contains(Exchange.Requests, r => r.Operation == "SyncFolderItems" && r.HttpStatus == 0);
        AssertOnceInDovecot("INBOX", sample);
    }

    [Fact]
    public async Task An_Exchange_that_stalls_in_the_middle_of_a_message_is_given_up_after_the_stall_timeout_and_read_again()
    {
        var sample = Messages(3, size: 300_000);
        SeedExchange("Inbox", sample);
        var from = ExchangeSide(EndpointRole.Source, stallTimeout: TimeSpan.FromSeconds(1));
        var to = DovecotSide(EndpointRole.Destination);
        var id = Create(from, to);
        Exchange.StallOn("GetItem", FaultPoint.MidAnswer);

        var (result, elapsed) = await Timed(() => Run(id, from, to));

        AssertStatus(MigrationStatus.Completed, result);
        AssertOnceInDovecot("INBOX", sample);
        Assert.True(elapsed < TimeSpan.FromSeconds(10), $"took {elapsed.TotalSeconds:N1} s");
    }

    [Fact]
    public async Task An_Exchange_that_stores_a_batch_and_never_answers_is_given_up_after_the_stall_timeout_and_its_copies_taken_over()
    {
        var sample = Messages(8);
        SeedDovecot("INBOX", sample);
        var from = DovecotSide(EndpointRole.Source);
        var to = ExchangeSide(EndpointRole.Destination, stallTimeout: TimeSpan.FromSeconds(1));
        var id = Create(from, to);
        Exchange.StallOn("CreateItem", FaultPoint.AfterRunning);

        var (result, elapsed) = await Timed(() => Run(id, from, to));

        AssertStatus(MigrationStatus.Completed, result);
        AssertOnceInExchange("Inbox", sample);
        Assert.True(elapsed < TimeSpan.FromSeconds(10), $"took {elapsed.TotalSeconds:N1} s");
    }

    [Fact]
    public async Task An_Exchange_that_never_answers_fails_the_pass_within_its_retries_naming_the_destination()
    {
        SeedDovecot("INBOX", Messages(2));
        var from = DovecotSide(EndpointRole.Source);
        var to = ExchangeSide(EndpointRole.Destination, stallTimeout: TimeSpan.FromSeconds(1));
        var id = Create(from, to);
        Exchange.StallOn("CreateItem", FaultPoint.BeforeRunning, times: 100);

        var (result, elapsed) = await Timed(() => Run(id, from, to, connectionRetries: 2));

        AssertStatus(MigrationStatus.Failed, result);
        Assert.Equal(FailureKind.ConnectionLost, result.Failure!.Kind);
        Assert.Contains($"destination Exchange server {Exchange.Url}", result.Failure.Message);
        Assert.Contains("sent nothing for 1 s during CreateItem", result.Failure.Message);
        Assert.Equal(3, Exchange.Requests.Count(r => r.Operation == "CreateItem"));
        Assert.Empty(Exchange.Items(Mailbox, "Inbox"));
        Assert.True(elapsed < TimeSpan.FromSeconds(10), $"took {elapsed.TotalSeconds:N1} s");
    }

    [Fact]
    public async Task HTTP_503_is_waited_out_with_the_passs_backoff_and_the_pass_completes()
    {
        var sample = Messages(4);
        SeedDovecot("INBOX", sample);
        var from = DovecotSide(EndpointRole.Source);
        var to = ExchangeSide(EndpointRole.Destination);
        var id = Create(from, to);
        Exchange.ServiceUnavailable(times: 2);

        var result = await Run(id, from, to, firstRetryDelay: TimeSpan.FromMilliseconds(300));

        AssertStatus(MigrationStatus.Completed, result);
        AssertOnceInExchange("Inbox", sample);
        var requests = Exchange.Requests;
        Assert.Equal(new[] { 503, 503 }, requests.Take(2).Select(r => r.HttpStatus));
        // The first retry waits 300 ms ± 20 %, the second twice that.
        Assert.True(requests[1].Time - requests[0].Time >= TimeSpan.FromMilliseconds(230), $"{(requests[1].Time - requests[0].Time).TotalMilliseconds} ms");
        Assert.True(requests[2].Time - requests[1].Time >= TimeSpan.FromMilliseconds(470), $"{(requests[2].Time - requests[1].Time).TotalMilliseconds} ms");
    }

    [Theory]
    [InlineData(EndpointRole.Destination)]
    [InlineData(EndpointRole.Source)]
    public async Task More_503s_than_the_retry_budget_fail_the_pass_as_server_unavailable_naming_the_side(EndpointRole exchangeRole)
    {
        SeedDovecot("INBOX", Messages(2));
        SeedExchange("Inbox", Messages(2, first: 10));
        var (from, to) = exchangeRole == EndpointRole.Destination
            ? (DovecotSide(EndpointRole.Source), ExchangeSide(EndpointRole.Destination))
            : (ExchangeSide(EndpointRole.Source), DovecotSide(EndpointRole.Destination));
        var id = Create(from, to);
        Exchange.ServiceUnavailable(times: 100);

        var result = await Run(id, from, to, connectionRetries: 2);

        AssertStatus(MigrationStatus.Failed, result);
        Assert.Equal(FailureKind.ServerUnavailable, result.Failure!.Kind);
        Assert.Contains($"{exchangeRole.ToString().ToLowerInvariant()} Exchange server {Exchange.Url}", result.Failure.Message);
        Assert.Contains("HTTP 503", result.Failure.Message);
        Assert.Equal(3, Exchange.Requests.Count);
    }

    [Theory]
    [InlineData(EndpointRole.Destination)]
    [InlineData(EndpointRole.Source)]
    public async Task An_Exchange_server_with_nothing_listening_fails_the_pass_at_once_naming_the_side(EndpointRole exchangeRole)
    {
        SeedDovecot("INBOX", Messages(1));
        var nowhere = new Uri($"http://127.0.0.1:{FreePort.Next()}/EWS/Exchange.asmx");
        var (from, to) = exchangeRole == EndpointRole.Destination
            ? (DovecotSide(EndpointRole.Source), ExchangeSide(EndpointRole.Destination, nowhere))
            : (ExchangeSide(EndpointRole.Source, nowhere), DovecotSide(EndpointRole.Destination));
        var id = Create(from, to);

        var (result, elapsed) = await Timed(() => Run(id, from, to));

        AssertStatus(MigrationStatus.Failed, result);
        Assert.Equal(FailureKind.Connection, result.Failure!.Kind);
        Assert.StartsWith($"Cannot connect to the {exchangeRole.ToString().ToLowerInvariant()} Exchange server {nowhere}", result.Failure.Message);
        Assert.True(elapsed < TimeSpan.FromSeconds(5), $"took {elapsed.TotalSeconds:N1} s");
    }
}
