using MailKit;
using Microsoft.Extensions.Time.Testing;
using Omm.Engine.Migrations;

namespace Omm.Engine.Tests;

/// <summary>
/// The pacing of appends under throughput caps, on a fake clock: what each append waits, and runs of
/// several connections simulated append by append. Deterministic; no real time passes.
/// </summary>
public sealed class CopyPacerTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_bucket_starts_empty_so_the_first_append_already_waits_its_share()
    {
        var clock = new FakeTimeProvider(Start);
        var pacer = new CopyPacer(new ThroughputCaps(4, null), clock);

        Assert.Equal(TimeSpan.FromSeconds(0.25), pacer.Reserve(1, 1000));
        Assert.Equal(TimeSpan.FromSeconds(0.5), pacer.Reserve(1, 1000));
        clock.Advance(TimeSpan.FromSeconds(0.5));
        Assert.Equal(TimeSpan.FromSeconds(0.25), pacer.Reserve(1, 1000));
    }

    [Fact]
    public void Idle_time_earns_at_most_one_second_of_credit()
    {
        var clock = new FakeTimeProvider(Start);
        var pacer = new CopyPacer(new ThroughputCaps(40, null), clock);
        Assert.Equal(10, pacer.BatchMessages);

        clock.Advance(TimeSpan.FromMinutes(5));

        for (var batch = 0; batch < 4; batch++)
            Assert.Equal(TimeSpan.Zero, pacer.Reserve(10, 0));
        Assert.Equal(TimeSpan.FromSeconds(0.25), pacer.Reserve(10, 0));
    }

    [Fact]
    public void A_message_larger_than_a_seconds_budget_goes_after_the_wait_its_size_calls_for()
    {
        var clock = new FakeTimeProvider(Start);
        var pacer = new CopyPacer(new ThroughputCaps(null, 100_000), clock);
        Assert.Equal(25_000, pacer.BatchBytes);

        Assert.Equal(TimeSpan.FromSeconds(3.5), pacer.Reserve(1, 350_000));
        // The next one waits behind it: the debt is paid first.
        Assert.Equal(TimeSpan.FromSeconds(3.6), pacer.Reserve(1, 10_000));
    }

    [Fact]
    public void With_both_caps_the_tighter_one_sets_the_wait()
    {
        var clock = new FakeTimeProvider(Start);
        var pacer = new CopyPacer(new ThroughputCaps(10, 1_000_000), clock);

        Assert.Equal(TimeSpan.FromSeconds(0.5), pacer.Reserve(5, 50_000));
        // The byte cap alone would have let the first append go at once; then 900 KB more have come in by 0.95 s.
        Assert.Equal(TimeSpan.FromSeconds(0.95), pacer.Reserve(1, 900_000));
    }

    [Fact]
    public void While_one_cap_holds_appends_back_the_other_does_not_let_them_bunch_up_behind()
    {
        var clock = new FakeTimeProvider(Start);
        var pacer = new CopyPacer(new ThroughputCaps(10, 100_000), clock);

        // A 500 KB message holds the byte cap for 5 s; meanwhile the other connection books batch after batch of small ones.
        var starts = new List<(double At, int Messages)> { (pacer.Reserve(1, 500_000).TotalSeconds, 1) };
        for (var batch = 0; batch < 8; batch++)
            starts.Add((pacer.Reserve(10, 1_000).TotalSeconds, 10));

        Assert.Equal(5.0, starts[0].At, 3);
        // The message cap counts them from when they go, not from when they were booked: no more than its budget
        // and its second of credit in the second after the large message, not all 80 at once.
        Assert.InRange(starts.Where(s => s.At >= 5 && s.At < 6).Sum(s => s.Messages), 1, 21);
        Assert.Equal(new[] { 5.1, 6.1, 7.1, 8.1, 9.1, 10.1, 11.1, 12.1 }, starts.Skip(1).Select(s => Math.Round(s.At, 3)));
    }

    [Theory]
    [InlineData(null, null, 32, 8 * 1024 * 1024)]
    [InlineData(0.5, null, 1, 8 * 1024 * 1024)]
    [InlineData(20.0, null, 5, 8 * 1024 * 1024)]
    [InlineData(10_000.0, null, 32, 8 * 1024 * 1024)]
    [InlineData(null, 1_048_576L, 32, 262_144)]
    [InlineData(null, 1L, 32, 1)]
    [InlineData(null, 1_000_000_000L, 32, 8 * 1024 * 1024)]
    public void Batches_are_cut_to_a_quarter_second_of_the_budget(double? messages, long? bytes, int batchMessages, long batchBytes)
    {
        var pacer = new CopyPacer(new ThroughputCaps(messages, bytes), new FakeTimeProvider(Start));

        Assert.Equal((batchMessages, batchBytes), (pacer.BatchMessages, pacer.BatchBytes));
    }

    [Fact]
    public async Task Waiting_ends_when_the_clock_gets_there_or_the_pass_is_stopped()
    {
        var clock = new FakeTimeProvider(Start);
        var pacer = new CopyPacer(new ThroughputCaps(2, null), clock);

        var first = pacer.WaitAsync(1, 100, CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(0.4));
        Assert.False(first.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(0.1));
        await first.WaitAsync(TimeSpan.FromSeconds(10));

        using var stop = new CancellationTokenSource();
        var second = pacer.WaitAsync(1, 100, stop.Token);
        Assert.False(second.IsCompleted);
        stop.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void Without_caps_nothing_waits()
    {
        var pacer = new CopyPacer(ThroughputCaps.None, new FakeTimeProvider(Start));

        Assert.Equal(TimeSpan.Zero, pacer.Reserve(1000, 1L << 40));
        Assert.True(pacer.WaitAsync(32, 8 << 20, new CancellationToken(canceled: true)).IsCompletedSuccessfully);
    }

    [Theory]
    [InlineData(20.0, null, 2)]
    [InlineData(3.0, null, 2)]
    [InlineData(0.5, null, 4)]
    [InlineData(null, 200_000L, 2)]
    [InlineData(null, 50_000L, 3)]
    [InlineData(15.0, 300_000L, 2)]
    public void A_run_on_several_connections_stays_within_ten_percent_of_the_cap(double? messages, long? bytes, int connections)
    {
        var caps = new ThroughputCaps(messages, bytes);
        var clock = new FakeTimeProvider(Start);
        var pacer = new CopyPacer(caps, clock);
        // A mailbox of mostly small messages, some of a few hundred KB (more than a second's budget of the byte caps here).
        var random = new Random(7);
        var summaries = Enumerable.Range(1, 600)
            .Select(i => (IMessageSummary)new MessageSummary(i - 1) { UniqueId = new UniqueId((uint)i), Size = (uint)(random.NextDouble() < 0.05 ? random.Next(150_000, 400_000) : random.Next(2_000, 20_000)) })
            .ToList();
        var batches = new Queue<List<IMessageSummary>>(SourceBatchReader.Plan(summaries, pacer.BatchMessages, pacer.BatchBytes));

        var (copiedMessages, copiedBytes, elapsed, worstSecond) = Simulate(clock, pacer, batches, connections, TimeSpan.FromMinutes(2));

        // Never more than 10 % over either cap. With one cap, and servers faster than it, no more than 10 % under it either
        // (with both, which one binds changes with the sizes of the messages in hand, so neither need be reached).
        var shares = new List<double>();
        if (caps.MaxMessagesPerSecond is double messageCap)
            shares.Add(copiedMessages / elapsed.TotalSeconds / messageCap);
        if (caps.MaxBytesPerSecond is long byteCap)
            shares.Add(copiedBytes / elapsed.TotalSeconds / byteCap);
        var achieved = $"achieved {copiedMessages / elapsed.TotalSeconds:N2} messages/s and {copiedBytes / elapsed.TotalSeconds:N0} bytes/s under {caps}";
        Assert.True(shares.Max() <= 1.10, achieved);
        Assert.True(shares.Count > 1 || shares[0] >= 0.90, achieved);
        // In any second, no more than a second's budget plus the second of credit a bucket holds (or one message larger than that).
        if (caps.MaxMessagesPerSecond is double perSecond)
            Assert.True(worstSecond.Messages <= perSecond * 2 + 1, $"{worstSecond.Messages} messages in one second under a cap of {perSecond}");
        if (caps.MaxBytesPerSecond is long bytesPerSecond)
            Assert.True(worstSecond.Bytes <= bytesPerSecond + Math.Max(bytesPerSecond, summaries.Max(m => (long)m.Size!.Value)),
                $"{worstSecond.Bytes} bytes in one second under a cap of {bytesPerSecond}");
    }

    /// <summary>
    /// Each connection takes the next batch, books it with the pacer, waits what it is told, appends
    /// (20 ms per batch plus 1 ms per 100 KB) and takes the next, until the batches or the time run out.
    /// </summary>
    private static (long Messages, long Bytes, TimeSpan Elapsed, (int Messages, long Bytes) WorstSecond) Simulate(FakeTimeProvider clock, CopyPacer pacer,
        Queue<List<IMessageSummary>> batches, int connections, TimeSpan limit)
    {
        var ready = Enumerable.Repeat(Start, connections).ToArray();
        var appended = new List<(DateTimeOffset At, int Messages, long Bytes)>();
        var end = Start;
        while (batches.Count > 0)
        {
            var lane = Array.IndexOf(ready, ready.Min());
            if (ready[lane] - Start > limit)
                break;
            clock.Advance(ready[lane] - clock.GetUtcNow());
            var batch = batches.Dequeue();
            var bytes = batch.Sum(s => (long)s.Size!.Value);
            var sendAt = clock.GetUtcNow() + pacer.Reserve(batch.Count, bytes);
            appended.Add((sendAt, batch.Count, bytes));
            ready[lane] = sendAt + TimeSpan.FromMilliseconds(20 + bytes / 100_000.0);
            end = ready[lane] > end ? ready[lane] : end;
        }

        var seconds = appended.Select(a => appended.Where(b => b.At >= a.At && b.At < a.At.AddSeconds(1)).ToList()).ToList();
        var worst = (seconds.Max(w => w.Sum(b => b.Messages)), seconds.Max(w => w.Sum(b => b.Bytes)));
        return (appended.Sum(a => a.Messages), appended.Sum(a => a.Bytes), end - Start, worst);
    }
}
