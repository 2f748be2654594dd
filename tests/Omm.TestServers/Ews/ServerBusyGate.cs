namespace Omm.TestServers.Ews;

/// <summary>
/// ErrorServerBusy on demand: the next N requests are refused with a back-off, and, as Exchange's throttling does, a
/// request arriving before the back-off ended is refused too and starts the back-off again (without using up one of N).
/// </summary>
internal sealed class ServerBusyGate(TimeProvider time)
{
    private readonly object gate = new();
    private int remaining;
    private TimeSpan backOff;
    private DateTimeOffset until = DateTimeOffset.MinValue;

    public void Arm(TimeSpan backOff, int times)
    {
        lock (gate)
        {
            this.backOff = backOff;
            remaining = times;
        }
    }

    /// <summary>The back-off to answer with, or null to let the request through.</summary>
    public TimeSpan? Check()
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            if (now < until)
            {
                until = now + backOff;
                return backOff;
            }

            if (remaining <= 0)
                return null;
            remaining--;
            until = now + backOff;
            return backOff;
        }
    }
}
