using Xunit.Abstractions;

namespace Omm.PowerShell.Tests;

/// <summary>
/// Runs a migration's passes in child processes and kills each (SIGKILL) once it has recorded a random number more copies,
/// checking after each kill that the migration shows as Interrupted. The crash tests' common part.
/// </summary>
internal static class KilledPasses
{
    /// <param name="start">The first pass (New-OmmMigration); the later ones run <paramref name="resume"/> with $id set.</param>
    /// <param name="total">How many copies the migration makes in all: kill k is due before k/(kills+1) of them, so that a
    /// pass never ends before its kill however the random numbers fall.</param>
    /// <param name="mostCopiesPerPass">Each pass is killed after 50 to this many more recorded copies.</param>
    /// <param name="mostExtraDelayMs">and after a random wait of up to this many milliseconds more.</param>
    /// <returns>The migration's Id.</returns>
    public static string Run(int kills, Random random, string start, string resume, Dictionary<string, object?> variables, OmmShell watcher,
        ITestOutputHelper output, int total, int mostCopiesPerPass, int mostExtraDelayMs)
    {
        string? id = null;
        long migrated = 0;
        for (var kill = 0; kill < kills; kill++)
        {
            if (id != null)
                variables["id"] = id;
            using var child = ShellProcess.Start(Scripts.Inline((id == null ? start : resume) + " -Verbose", variables));
            var due = (long)total * (kill + 1) / (kills + 1);
            var target = Math.Min(migrated + random.Next(50, mostCopiesPerPass), Math.Max(migrated + 1, due));
            var extraDelay = random.Next(0, mostExtraDelayMs);
            while (!child.HasExited)
            {
                var seen = watcher.Run("Get-OmmMigration -StatePath $statePath", variables).Output.SingleOrDefault();
                var now = seen != null && seen.Items("Progress").Count == 1 ? seen.Items("Progress")[0].Get<long>("Migrated") : 0;
                if (now >= target)
                {
                    Thread.Sleep(extraDelay);
                    id = seen!.Text("Id");
                    break;
                }

                Thread.Sleep(5);
            }

            Assert.False(child.HasExited, $"The pass ended before kill {kill + 1} (target {target}): {child.Output}");
            child.Kill();
            var after = watcher.Run("Get-OmmMigration -StatePath $statePath", variables).Single();
            migrated = after.Items("Progress")[0].Get<long>("Migrated");
            output.WriteLine($"kill {kill + 1}: SIGKILL after {migrated} recorded copies, status now {after.Text("Status")}");
            foreach (var line in child.Output.Split('\n').Where(l => l.Contains("without recording them")))
                output.WriteLine("  " + line.Trim());
            Assert.Equal("Interrupted", after.Text("Status"));
        }

        variables["id"] = id;
        return id!;
    }
}
