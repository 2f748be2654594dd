using Omm.Engine.State;

namespace Omm.Engine.Tests.State;

/// <summary>A state file in a folder of its own, removed on Dispose.</summary>
internal sealed class TemporaryStateStore : IDisposable
{
    public TemporaryStateStore(string name)
    {
        Folder = Directory.CreateTempSubdirectory($"omm-{name}-").FullName;
        Store = new StateStore(Path.Combine(Folder, "omm.db"));
    }

    public string Folder { get; }

    public StateStore Store { get; }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
