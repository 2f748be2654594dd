using Omm.Engine.Migrations;

namespace Omm.Engine.Tests;

/// <summary>
/// The bound's decisions on counters of the test's own, so that what other tests allocate or collect in the same
/// process at the same time cannot change them; and one check that the collector it is given in a pass collects.
/// </summary>
public sealed class YoungGenerationBoundTests
{
    private long allocated;
    private int runtimeCollections;
    private readonly List<int> collected = new();

    private YoungGenerationBound Bound() => new(() => allocated, () => runtimeCollections + collected.Count, collected.Add);

    [Fact]
    public void After_a_window_of_allocations_a_check_collects_the_youngest_generation()
    {
        var bound = Bound();
        Assert.Equal(-1, bound.CheckNow()); // the first check only starts counting

        allocated += YoungGenerationBound.Window - 1;
        Assert.Equal(-1, bound.CheckNow());
        allocated += 1;
        Assert.Equal(0, bound.CheckNow());

        Assert.Equal(new[] { 0 }, collected);
    }

    [Fact]
    public void Checks_with_little_allocated_in_between_do_not_collect()
    {
        var bound = Bound();
        bound.CheckNow();
        for (var i = 0; i < 1000; i++)
        {
            allocated += 1024;
            bound.CheckNow();
        }

        Assert.Empty(collected);
    }

    [Fact]
    public void A_collection_by_the_runtime_starts_the_count_again()
    {
        var bound = Bound();
        bound.CheckNow();
        allocated += YoungGenerationBound.Window - 1024;
        runtimeCollections++;

        Assert.Equal(-1, bound.CheckNow());
        allocated += 2048;
        Assert.Equal(-1, bound.CheckNow());
        allocated += YoungGenerationBound.Window;
        Assert.Equal(0, bound.CheckNow());
        Assert.Single(collected);
    }

    [Fact]
    public void Every_fourth_collection_takes_gen1_and_every_sixteenth_all_generations()
    {
        var bound = Bound();
        bound.CheckNow();
        for (var i = 0; i < 32; i++)
        {
            allocated += YoungGenerationBound.Window;
            bound.CheckNow();
        }

        var expected = Enumerable.Range(1, 32).Select(n => n % 16 == 0 ? 2 : n % 4 == 0 ? 1 : 0);
        Assert.Equal(expected, collected);
    }

    [Fact]
    public void Without_an_allocation_counter_nothing_is_collected()
    {
        var bound = new YoungGenerationBound(null, () => 0, collected.Add);
        for (var i = 0; i < 3; i++)
            Assert.Equal(-1, bound.CheckNow());
        Assert.Empty(collected);
    }

    [Fact]
    public void The_collector_passes_use_collects_the_generation_asked()
    {
        // Collection counts only grow, and a forced blocking collection adds one to each generation it takes,
        // so collections by other tests meanwhile cannot make this fail.
        foreach (var generation in new[] { 0, 1, 2 })
        {
            var before = GC.CollectionCount(generation);
            YoungGenerationBound.CollectAndTrim(generation);
            Assert.True(GC.CollectionCount(generation) > before, $"Generation {generation} was not collected.");
        }
    }

    [Fact]
    public void Until_the_process_that_owns_it_enables_it_the_bound_never_collects()
    {
        // A user's PowerShell session never enables it: windows of allocations go by without a collection.
        var bound = Bound();
        for (var window = 0; window < 4; window++)
        {
            allocated += YoungGenerationBound.Window;
            Assert.Equal(-1, bound.CheckIfEnabled());
        }

        Assert.Empty(collected);

        bound.Enable();
        Assert.Equal(-1, bound.CheckIfEnabled()); // the first check only starts counting
        allocated += YoungGenerationBound.Window;
        Assert.Equal(0, bound.CheckIfEnabled());
        Assert.Equal(new[] { 0 }, collected);
    }
}
