using System.Diagnostics;
using System.Text;
using Omm.TestServers;

namespace Omm.PowerShell.Tests;

/// <summary>PowerShell lines run with the module in a process of their own (tools/Omm.Shell), as another console or a scheduled task would.</summary>
public sealed class ShellProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private ShellProcess(Process process)
    {
        this.process = process;
    }

    public static ShellProcess Start(string script)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(RepositoryPaths.ShellProgram);
        start.ArgumentList.Add("-Command");
        start.ArgumentList.Add(script);
        start.Environment["OMM_MODULE"] = RepositoryPaths.ModuleManifest;
        var process = Process.Start(start) ?? throw new InvalidOperationException("Cannot start Omm.Shell.");
        var shell = new ShellProcess(process);
        process.OutputDataReceived += (_, e) => shell.Append(e.Data);
        process.ErrorDataReceived += (_, e) => shell.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return shell;
    }

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    public string Output
    {
        get
        {
            lock (output)
                return output.ToString();
        }
    }

    /// <summary>SIGKILL: the process gets no chance to record anything.</summary>
    public void Kill()
    {
        process.Kill();
        process.WaitForExit();
    }

    public bool WaitForExit(TimeSpan timeout)
    {
        if (!process.WaitForExit(timeout))
            return false;
        process.WaitForExit();
        return true;
    }

    public void Dispose()
    {
        if (!process.HasExited)
            Kill();
        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line == null)
            return;
        lock (output)
            output.AppendLine(line);
    }
}
