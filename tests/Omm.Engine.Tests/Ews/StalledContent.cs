using System.Net;

namespace Omm.Engine.Tests.Ews;

/// <summary>A request body that sends its first half, then waits for a signal before sending the rest: a request kept in flight.</summary>
internal sealed class StalledContent(byte[] body, Task release) : HttpContent
{
    private readonly TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Started => started.Task;

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        var half = body.Length / 2;
        await stream.WriteAsync(body.AsMemory(0, half));
        await stream.FlushAsync();
        await Task.Delay(200);
        started.SetResult();
        await release;
        await stream.WriteAsync(body.AsMemory(half));
    }

    protected override bool TryComputeLength(out long length)
    {
        length = body.Length;
        return true;
    }
}
