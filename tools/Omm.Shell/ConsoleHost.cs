using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace Omm.Shell;

/// <summary>Just enough of a PowerShell host to print formatted output, streams and progress to the console.</summary>
internal sealed class ConsoleHost : PSHost
{
    private readonly ConsoleHostUserInterface ui = new();

    public override CultureInfo CurrentCulture => CultureInfo.CurrentCulture;

    public override CultureInfo CurrentUICulture => CultureInfo.CurrentUICulture;

    public override Guid InstanceId { get; } = Guid.NewGuid();

    public override string Name => "Omm.Shell";

    public override PSHostUserInterface UI => ui;

    public override Version Version => new(0, 1);

    public override void EnterNestedPrompt() => throw new NotSupportedException();

    public override void ExitNestedPrompt() => throw new NotSupportedException();

    public override void NotifyBeginApplication()
    {
    }

    public override void NotifyEndApplication()
    {
    }

    public override void SetShouldExit(int exitCode)
    {
    }
}

internal sealed class ConsoleHostUserInterface : PSHostUserInterface
{
    private readonly Dictionary<int, int> lastPercent = new();

    public override PSHostRawUserInterface RawUI { get; } = new ConsoleRawUserInterface();

    /// <summary>Table headers come with ANSI colour sequences; a log file is better without.</summary>
    private static string Plain(string text) => System.Text.RegularExpressions.Regex.Replace(text, "\u001b\\[[0-9;]*m", string.Empty);

    public override void Write(string value) => Console.Write(Plain(value));

    public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Console.Write(Plain(value));

    public override void WriteLine(string value) => Console.WriteLine(Plain(value));

    public override void WriteErrorLine(string value) => Console.WriteLine("ERROR: " + value);

    public override void WriteDebugLine(string message) => Console.WriteLine("DEBUG: " + message);

    public override void WriteVerboseLine(string message) => Console.WriteLine("VERBOSE: " + message);

    public override void WriteWarningLine(string message) => Console.WriteLine("WARNING: " + message);

    /// <summary>One line per bar each time it crosses a tenth, so the log stays readable.</summary>
    public override void WriteProgress(long sourceId, ProgressRecord record)
    {
        var percent = Math.Max(0, record.PercentComplete);
        var step = record.RecordType == ProgressRecordType.Completed ? 100 : percent / 10 * 10;
        if (lastPercent.TryGetValue(record.ActivityId, out var last) && last == step && record.RecordType != ProgressRecordType.Completed)
            return;
        lastPercent[record.ActivityId] = step;
        var indent = record.ParentActivityId >= 0 ? "    " : string.Empty;
        var bar = new string('#', percent / 5).PadRight(20, '.');
        Console.WriteLine($"{indent}[{bar}] {percent,3}% {record.Activity} - {record.StatusDescription}");
    }

    public override Dictionary<string, PSObject> Prompt(string caption, string message, System.Collections.ObjectModel.Collection<FieldDescription> descriptions) =>
        throw new NotSupportedException("This host does not prompt; pass every parameter.");

    public override int PromptForChoice(string caption, string message, System.Collections.ObjectModel.Collection<ChoiceDescription> choices, int defaultChoice) =>
        throw new NotSupportedException("This host does not prompt; pass every parameter.");

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
        throw new NotSupportedException("This host does not prompt; pass every parameter.");

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) =>
        throw new NotSupportedException("This host does not prompt; pass every parameter.");

    public override string ReadLine() => throw new NotSupportedException("This host does not read input.");

    public override SecureString ReadLineAsSecureString() => throw new NotSupportedException("This host does not read input.");
}

internal sealed class ConsoleRawUserInterface : PSHostRawUserInterface
{
    public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;

    public override Size BufferSize { get; set; } = new(140, 3000);

    public override Coordinates CursorPosition { get; set; }

    public override int CursorSize { get; set; }

    public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;

    public override bool KeyAvailable => false;

    public override Size MaxPhysicalWindowSize => new(140, 50);

    public override Size MaxWindowSize => new(140, 50);

    public override Coordinates WindowPosition { get; set; }

    public override Size WindowSize { get; set; } = new(140, 50);

    public override string WindowTitle { get; set; } = "Omm";

    public override void FlushInputBuffer()
    {
    }

    public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw new NotSupportedException();

    public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException();

    public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) => throw new NotSupportedException();

    public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) => throw new NotSupportedException();

    public override void SetBufferContents(Rectangle rectangle, BufferCell fill) => throw new NotSupportedException();
}
