using Omm.Engine.Connectors.Ews;
using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;

namespace Omm.Engine.Tests.Ews;

/// <summary>Passes into the EWS test server held back by Exchange's concurrency limit and by the migration's own caps.</summary>
public sealed class ExchangeFaultThrottlingTests : ExchangeFaultHarness
{
    [Fact]
    public async Task Too_many_concurrent_requests_narrow_the_gate_until_Exchange_takes_them_and_it_stays_narrow()
    {
        // More than one batch of 32, so that the pass copies on its copy lanes at once.
        var sample = Messages(100, size: 1_500);
        SeedDovecot("INBOX", sample);
        var from = DovecotSide(EndpointRole.Source);
        var to = ExchangeSide(EndpointRole.Destination);
        var id = Create(from, to);
        Exchange.MaxConcurrentRequests = 1;
        // Requests that take a while overlap for sure.
        Exchange.Latency = TimeSpan.FromMilliseconds(100);
        var observer = new RecordingObserver();

        var first = await Run(id, from, to, observer, connections: 4);

        AssertStatus(MigrationStatus.Completed, first);
        AssertOnceInExchange("Inbox", sample);
        Assert.Contains("Copying with 4 connections per side.", observer.Lines);
        Assert.Contains(Exchange.Requests, r => r.HttpStatus == 500);
        Assert.Equal(1, EwsBackoffGate.For(Exchange.Url, Mailbox).Concurrency);
        var before = Exchange.Requests.Count;
        var more = Messages(70, size: 1_500, first: 100);
        SeedDovecot("INBOX", more);

        var second = await Run(id, from, to, connections: 4);

        AssertStatus(MigrationStatus.Completed, second);
        AssertOnceInExchange("Inbox", sample.Concat(more));
        // One request in flight at a time from now on: Exchange turns none away.
        Assert.All(Exchange.Requests.Skip(before), r => Assert.Equal(200, r.HttpStatus));
    }

    [Fact]
    public async Task A_message_cap_holds_for_a_pass_into_Exchange()
    {
        var sample = Messages(20);
        SeedDovecot("INBOX", sample);
        var from = DovecotSide(EndpointRole.Source);
        var to = ExchangeSide(EndpointRole.Destination);
        var id = Create(from, to, new ThroughputCaps(10, null));
        var started = DateTimeOffset.UtcNow;

        var (result, elapsed) = await Timed(() => Run(id, from, to, connections: 4));

        AssertStatus(MigrationStatus.Completed, result);
        AssertOnceInExchange("Inbox", sample);
        // The bucket starts empty: the last of 20 messages cannot be sent before 20 / 10 = 2 s.
        Assert.True(elapsed >= TimeSpan.FromSeconds(2), $"20 messages under 10 messages/s took {elapsed.TotalSeconds:N2} s");
        var last = Exchange.Items(Mailbox, "Inbox").Max(i => i.DateTimeCreated);
        Assert.True(last - started >= TimeSpan.FromSeconds(1.95), $"the last copy was made {(last - started).TotalSeconds:N2} s after the start");
    }
}
