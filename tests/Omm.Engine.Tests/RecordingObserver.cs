using System.Collections.Concurrent;
using Omm.Engine.Migrations;

namespace Omm.Engine.Tests;

internal sealed class RecordingObserver : IMigrationObserver
{
    public ConcurrentQueue<MigrationProgress> Progress { get; } = new();

    public ConcurrentQueue<ItemError> Problems { get; } = new();

    public ConcurrentQueue<string> Lines { get; } = new();

    public void OnProgress(MigrationProgress progress) => Progress.Enqueue(progress);

    public void OnItemProblem(ItemError problem) => Problems.Enqueue(problem);

    public void OnVerbose(string message) => Lines.Enqueue(message);

    public void OnWarning(string message) => Lines.Enqueue("WARNING: " + message);
}
