namespace Omm.PowerShell.Tests;

/// <summary>
/// What the cmdlet tests share: one hosted PowerShell with the built module imported, and a temporary directory
/// for the test's state file, both gone after each test.
/// </summary>
public abstract class ShellTests(string directoryPrefix) : IDisposable
{
    protected OmmShell Shell { get; } = new();

    protected string StateDirectory { get; } = Directory.CreateTempSubdirectory(directoryPrefix).FullName;

    protected string StatePath => Path.Combine(StateDirectory, "omm.db");

    public void Dispose()
    {
        Shell.Dispose();
        Directory.Delete(StateDirectory, recursive: true);
        GC.SuppressFinalize(this);
    }
}
