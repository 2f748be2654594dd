using System.Collections;
using System.Management.Automation;
using System.Text;
using Omm.TestServers;

namespace Omm.PowerShell.Tests;

/// <summary>
/// Collects everything a user, a log or a transcript could see of commands (every stream, with verbose, debug and
/// information on; error records with their exception chains, target objects and bound parameters; output objects
/// with all their properties, serialized as Export-Clixml or remoting would) and files, and finds secrets in it.
/// </summary>
internal sealed class LeakScan
{
    private const string Chatty = "$VerbosePreference = 'Continue'; $DebugPreference = 'Continue'; $InformationPreference = 'Continue'\n";
    private const int Depth = 5;

    private readonly List<(string Where, byte[] Bytes)> seen = new();

    /// <summary>Runs a script with every stream on and keeps what it wrote; returns it for the test's own assertions.</summary>
    public ScriptResult Run(OmmShell shell, string script, IDictionary<string, object?> variables, IEnumerable<object>? input = null)
    {
        using var powerShell = shell.Create(Chatty + script, variables);
        var output = input == null ? powerShell.Invoke() : powerShell.Invoke(input);
        var label = script.Trim().Split('\n')[0].Trim();
        foreach (var item in output)
            Add($"output of '{label}'", item);
        foreach (var record in powerShell.Streams.Error)
            AddError($"error of '{label}'", record);
        foreach (var record in powerShell.Streams.Warning)
            Add($"warning of '{label}'", record);
        foreach (var record in powerShell.Streams.Verbose)
            Add($"verbose of '{label}'", record);
        foreach (var record in powerShell.Streams.Debug)
            Add($"debug of '{label}'", record);
        foreach (var record in powerShell.Streams.Information)
            Add($"information of '{label}'", record);
        foreach (var record in powerShell.Streams.Progress)
            Add($"progress of '{label}'", record);
        return new ScriptResult(output, powerShell);
    }

    /// <summary>Keeps every record of $Error in the shell.</summary>
    public void AddErrorVariable(OmmShell shell)
    {
        using var powerShell = shell.Create("$Error");
        foreach (var item in powerShell.Invoke())
        {
            if (item.BaseObject is ErrorRecord record)
                AddError("$Error", record);
            else
                Add("$Error", item);
        }
    }

    /// <summary>Keeps the bytes of every file in a folder whose name matches, e.g. the state file with its -wal and -shm.</summary>
    public void AddFiles(string directory, string pattern)
    {
        foreach (var file in Directory.GetFiles(directory, pattern))
            seen.Add((file, File.ReadAllBytes(file)));
    }

    public void AddText(string where, string text) => seen.Add((where, Encoding.UTF8.GetBytes(text)));

    public int Places => seen.Count;

    /// <summary>Fails naming each place and form a secret was found in.</summary>
    public void AssertNoneOf(params string[] secrets)
    {
        var found = new List<string>();
        foreach (var (where, bytes) in seen)
        {
            foreach (var secret in secrets)
            {
                if (SecretTraces.Find(bytes, secret) is string form)
                    found.Add($"{form} '{secret}' in {where}: {Excerpt(Encoding.UTF8.GetString(bytes), secret)}");
            }
        }

        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    private void AddError(string where, ErrorRecord record)
    {
        Add(where, record);
        AddText(where + " (ToString)", record.ToString());
        AddText(where + " (ErrorDetails)", $"{record.ErrorDetails?.Message} {record.ErrorDetails?.RecommendedAction}");
        AddText(where + " (CategoryInfo)", record.CategoryInfo.ToString());
        AddText(where + " (exception)", record.Exception.ToString());
        for (var inner = record.Exception; inner != null; inner = inner.InnerException)
            AddText(where + $" ({inner.GetType().Name})", Serialize(inner));
        AddText(where + " (TargetObject)", Serialize(record.TargetObject));
        if (record.InvocationInfo != null)
        {
            AddText(where + " (invocation)", $"{record.InvocationInfo.Line} {record.InvocationInfo.PositionMessage}");
            foreach (DictionaryEntry parameter in (IDictionary)record.InvocationInfo.BoundParameters)
                AddText(where + $" (-{parameter.Key})", Serialize(parameter.Value));
        }
    }

    private void Add(string where, object? value) => AddText(where, Serialize(value) + "\n" + value);

    private static string Serialize(object? value)
    {
        if (value == null)
            return string.Empty;
        try
        {
            return PSSerializer.Serialize(value, Depth);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return $"{value} (not serializable: {e.Message})";
        }
    }

    private static string Excerpt(string text, string secret)
    {
        var at = text.IndexOf(secret, StringComparison.Ordinal);
        if (at < 0)
            return "(encoded)";
        var start = Math.Max(0, at - 120);
        return text.Substring(start, Math.Min(text.Length - start, 240 + secret.Length)).ReplaceLineEndings(" ");
    }
}
