using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;
using Omm.Engine.Removal;
using Omm.TestServers;

namespace Omm.Engine.Tests.Ews;

/// <summary>The guarantees of IMAP passes, into the EWS test server: Stop, Remove from a sync point, a message Exchange refuses.</summary>
public sealed class ExchangeFaultGuaranteesTests : ExchangeFaultHarness
{
    [Fact]
    public async Task A_pass_into_Exchange_stopped_midway_keeps_and_records_its_copies_and_the_next_copies_the_rest_once()
    {
        var sample = Messages(30);
        SeedDovecot("INBOX", sample);
        var from = DovecotSide(EndpointRole.Source);
        var to = ExchangeSide(EndpointRole.Destination);
        // Paced, so that the stop comes while most messages are still to copy.
        var id = Create(from, to, new ThroughputCaps(15, null));
        using var stop = new CancellationTokenSource();

        var stopped = await Run(id, from, to, new StopAfter(5, stop), stopToken: stop.Token);

        AssertStatus(MigrationStatus.Stopped, stopped);
        var copied = Exchange.Items(Mailbox, "Inbox");
        Assert.InRange(copied.Count, 5, sample.Count - 5);
        Assert.Equal(copied.Count, Store.GetMigratedItems(id, "INBOX").Count);
        Assert.Equal(copied.Select(c => c.ItemId).Order(), Store.GetMigratedItems(id, "INBOX").Select(i => i.DestinationKey).Order());

        Store.SetThroughputCaps(id, ThroughputCaps.None);
        var rest = await Run(id, from, to);

        AssertStatus(MigrationStatus.Completed, rest);
        AssertOnceInExchange("Inbox", sample);
        Assert.Equal(sample.Count - copied.Count, Store.GetMigratedItemsFrom(id, 2).Count);
    }

    [Fact]
    public async Task Remove_from_a_sync_point_takes_back_exactly_that_passs_copies_from_Exchange()
    {
        var firstSample = Messages(3);
        var secondSample = Messages(2, first: 50);
        SeedDovecot("INBOX", firstSample);
        var from = DovecotSide(EndpointRole.Source);
        var to = ExchangeSide(EndpointRole.Destination);
        var id = Create(from, to);
        AssertStatus(MigrationStatus.Completed, await Run(id, from, to));
        SeedDovecot("INBOX", secondSample);
        AssertStatus(MigrationStatus.Completed, await Run(id, from, to));
        AssertOnceInExchange("Inbox", firstSample.Concat(secondSample));

        var remover = new MigratedItemRemover(Store);
        var plan = remover.Plan(id, fromSyncPoint: 2);
        var removed = await remover.RemoveAsync(plan, plan.Folders.Select(f => f.DestinationFolder).ToHashSet(), to, new RecordingObserver(), CancellationToken.None);

        Assert.Equal(2, removed.Removed);
        AssertOnceInExchange("Inbox", firstSample);
        Assert.Equal(3, Store.GetMigratedItems(id, "INBOX").Count);
    }

    [Fact]
    public async Task A_message_Exchange_cannot_convert_is_one_item_error_naming_it_and_the_rest_of_its_folder_is_copied()
    {
        var sample = Messages(5).ToList();
        var mbox = "From user@domain Tue Dec  1 10:00:00 2026\r\n"u8.ToArray().Concat(SampleMailbox.Generate(77, "Begins with an mbox line", 3_000)).ToArray();
        SeedDovecot("INBOX", sample.Take(2).Append(mbox).Concat(sample.Skip(2)));
        var from = DovecotSide(EndpointRole.Source);
        var to = ExchangeSide(EndpointRole.Destination);
        var id = Create(from, to);

        var result = await Run(id, from, to);

        AssertStatus(MigrationStatus.CompletedWithErrors, result);
        var error = Assert.Single(result.Migration.Errors);
        Assert.Equal(ItemErrorType.Error, error.Type);
        Assert.Equal("INBOX", error.Folder);
        Assert.Contains("ErrorMimeContentConversionFailed", error.Message);
        Assert.Contains("UID 3", error.ItemName);
        AssertOnceInExchange("Inbox", sample);
    }

    /// <summary>Stops the pass once it has done so many items.</summary>
    private sealed class StopAfter(int items, CancellationTokenSource stop) : IMigrationObserver
    {
        public void OnProgress(MigrationProgress progress)
        {
            if (progress.ItemsDone >= items)
                stop.Cancel();
        }

        public void OnItemProblem(ItemError problem)
        {
        }

        public void OnVerbose(string message)
        {
        }

        public void OnWarning(string message)
        {
        }
    }
}
