namespace Omm.Engine.Tests.Security;

/// <summary>A test that needs root, e.g. to listen on port 993; skipped (and said so) for other users.</summary>
public sealed class RootOnlyFactAttribute : FactAttribute
{
    public RootOnlyFactAttribute()
    {
        if (Environment.UserName != "root")
            Skip = "Needs root to listen on a port below 1024.";
    }
}
