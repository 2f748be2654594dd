namespace Omm.Engine.Tests;

/// <summary>
/// Tests that read figures of the whole process (bytes allocated, resident memory, collections): xunit runs this
/// collection after the others, alone, so that no other test's work shows in their figures.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MeasuredAlone
{
    public const string Name = "Measured alone";
}
