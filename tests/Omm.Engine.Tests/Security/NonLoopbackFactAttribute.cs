using Omm.TestServers;

namespace Omm.Engine.Tests.Security;

/// <summary>A test that needs an address of this machine other than loopback; skipped (and said so) without one.</summary>
public sealed class NonLoopbackFactAttribute : FactAttribute
{
    public NonLoopbackFactAttribute()
    {
        if (LocalAddress.NonLoopback() == null)
            Skip = "This machine has no IPv4 address other than loopback.";
    }
}
