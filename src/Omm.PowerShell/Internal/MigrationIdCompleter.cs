using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace Omm.PowerShell.Internal
{
    /// <summary>Completes -Id with the migrations of the state file, each with its accounts and status as the tooltip.</summary>
    public sealed class MigrationIdCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst,
            IDictionary fakeBoundParameters)
        {
            var store = CompletionStateFile.Open(fakeBoundParameters);
            if (store == null)
                return Array.Empty<CompletionResult>();
            var typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return store.List(fakeBoundParameters["Project"] as string)
                .Where(m => m.Id.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
                .OrderBy(m => m.Id, StringComparer.Ordinal)
                .Select(m => new CompletionResult(m.Id, m.Id, CompletionResultType.ParameterValue,
                    $"{m.SourceAccount} -> {m.DestinationAccount} ({m.Status})"))
                .ToList();
        }
    }
}
