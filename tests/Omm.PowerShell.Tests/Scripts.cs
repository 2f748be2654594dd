namespace Omm.PowerShell.Tests;

/// <summary>The lines the tests type, and the variables they read.</summary>
internal static class Scripts
{
    public const string NewMigration = @"
        New-OmmMigration -SourceServer $source -SourceLogin $sourceUser -SourcePassword $sourcePassword -SourceSecurity None `
            -DestinationServer $destination -DestinationLogin $destinationUser -DestinationPassword $destinationPassword -DestinationSecurity None `
            -StatePath $statePath";

    public const string Sync = "Sync-OmmMigration -Id $id -SourcePassword $sourcePassword -DestinationPassword $destinationPassword -StatePath $statePath";

    public static Dictionary<string, object?> Variables(MailServers servers, string user, string statePath, IDictionary<string, object?>? overrides = null)
    {
        var variables = new Dictionary<string, object?>
        {
            ["source"] = servers.Source.Address,
            ["destination"] = servers.Destination.Address,
            ["sourceUser"] = user,
            ["destinationUser"] = user,
            ["sourcePassword"] = MailServers.SourcePassword,
            ["destinationPassword"] = MailServers.DestinationPassword,
            ["statePath"] = statePath,
        };
        foreach (var (name, value) in overrides ?? new Dictionary<string, object?>())
            variables[name] = value;
        return variables;
    }

    /// <summary>The same lines for a process of its own: variables written out as PowerShell literals.</summary>
    public static string Inline(string script, IDictionary<string, object?> variables) =>
        string.Concat(variables.Select(v => $"${v.Key} = '{v.Value?.ToString()?.Replace("'", "''")}'\n")) + script;
}
