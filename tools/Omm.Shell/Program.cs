using Omm.Shell;

const string usage = """
    Omm.Shell: runs PowerShell with the Omm module imported, without pwsh.
      Omm.Shell -Command '<PowerShell lines>'
      Omm.Shell -File script.ps1
    The module is $env:OMM_MODULE, else out/Omm/Omm.psd1 of the repository. Ctrl+C stops the running command.
    """;

if (args.Length != 2 || (args[0] != "-Command" && args[0] != "-File"))
{
    Console.Error.WriteLine(usage);
    return 2;
}

var script = args[0] == "-File" ? File.ReadAllText(args[1]) : args[1];
using var runner = new ScriptRunner(ScriptRunner.FindModule());
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    runner.Stop();
};
return runner.Run(script) ? 0 : 1;
