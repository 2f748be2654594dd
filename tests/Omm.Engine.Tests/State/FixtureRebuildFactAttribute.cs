namespace Omm.Engine.Tests.State;

/// <summary>A test that rewrites a committed fixture; it runs only when OMM_REBUILD_SCHEMA3_FIXTURE=1.</summary>
public sealed class FixtureRebuildFactAttribute : FactAttribute
{
    public const string Variable = "OMM_REBUILD_SCHEMA3_FIXTURE";

    public FixtureRebuildFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1")
            Skip = $"Rewrites the committed schema-3 fixture; set {Variable}=1 to run it.";
    }
}
