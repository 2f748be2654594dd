namespace Omm.TestServers.Ews;

/// <summary>Faults armed for coming requests: HTTP 503 for the next ones, and a drop or stall for the next of an operation.</summary>
internal sealed class RequestFaults
{
    private readonly object gate = new();
    private readonly List<(string Operation, FaultPoint Point, bool Stall, int Times)> armed = [];
    private int unavailable;

    public void Unavailable(int times)
    {
        lock (gate)
            unavailable = times;
    }

    public void Arm(string operation, FaultPoint point, bool stall, int times)
    {
        lock (gate)
            armed.Add((operation, point, stall, times));
    }

    /// <summary>Whether this request gets HTTP 503 (uses one up).</summary>
    public bool TakeUnavailable()
    {
        lock (gate)
        {
            if (unavailable <= 0)
                return false;
            unavailable--;
            return true;
        }
    }

    /// <summary>The fault for this request of <paramref name="operation"/>, if one is armed (uses one up).</summary>
    public (FaultPoint Point, bool Stall)? Take(string operation)
    {
        lock (gate)
        {
            var index = armed.FindIndex(f => f.Operation == operation);
            if (index < 0)
                return null;
            var fault = armed[index];
            if (fault.Times > 1)
                armed[index] = fault with { Times = fault.Times - 1 };
            else
                armed.RemoveAt(index);
            return (fault.Point, fault.Stall);
        }
    }
}
