using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace Omm.PowerShell.Internal
{
    /// <summary>Completes -Project (and Get-OmmProject's -Name) with the projects of the state file.</summary>
    public sealed class ProjectNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst,
            IDictionary fakeBoundParameters)
        {
            var store = CompletionStateFile.Open(fakeBoundParameters);
            if (store == null)
                return Array.Empty<CompletionResult>();
            var typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return store.ListProjects()
                .Where(p => p.Name.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
                .OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase)
                .Select(p => new CompletionResult(p.Name.IndexOf(' ') >= 0 ? $"'{p.Name}'" : p.Name, p.Name, CompletionResultType.ParameterValue, p.Name))
                .ToList();
        }
    }
}
