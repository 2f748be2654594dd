using Omm.Engine.Migrations;

namespace Omm.Engine.Tests;

public sealed class YoungGenerationBoundTests
{
    [Fact]
    public void After_a_window_of_allocations_a_check_collects_the_youngest_generation()
    {
        // The runtime may collect on its own meanwhile (then the check only starts counting again), so a
        // collection is looked for inside the check's own call, over a few windows.
        var collectedByCheck = false;
        for (var round = 0; round < 20 && !collectedByCheck; round++)
        {
            YoungGenerationBound.Check();
            Allocate(YoungGenerationBound.Window + 1024 * 1024);
            var before = GC.CollectionCount(0);
            YoungGenerationBound.Check();
            collectedByCheck = GC.CollectionCount(0) > before;
        }

        Assert.True(collectedByCheck, "No check collected after a window of allocations.");
    }

    [Fact]
    public void Checks_with_little_allocated_in_between_do_not_collect()
    {
        var collectedByCheck = 0;
        YoungGenerationBound.Check();
        for (var i = 0; i < 50; i++)
        {
            Allocate(1024);
            var before = GC.CollectionCount(0);
            YoungGenerationBound.Check();
            collectedByCheck += GC.CollectionCount(0) - before;
        }

        // Other tests running at the same time allocate too; 50 checks of 1 KB each add up to far less than a window.
        Assert.True(collectedByCheck <= 1, $"{collectedByCheck} collections in 50 checks.");
    }

    private static void Allocate(long bytes)
    {
        for (long done = 0; done < bytes; done += 8192)
            GC.KeepAlive(new byte[8192]);
    }
}
