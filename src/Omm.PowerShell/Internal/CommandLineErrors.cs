using System;
using System.Management.Automation;
using Omm.Engine.Accounts;

namespace Omm.PowerShell.Internal
{
    /// <summary>A problem of the command-line row (<see cref="AccountRow.CommandLine"/>) as the error of the parameter that gave the value.</summary>
    internal static class CommandLineErrors
    {
        public static ErrorRecord Of(AccountRowException e) =>
            new ErrorRecord(new ArgumentException($"-{e.Field.Name}: {e.Problem}"), ErrorId(e.Field), ErrorCategory.InvalidArgument, e.Field.Name);

        private static string ErrorId(AccountField field)
        {
            foreach (var side in SideFields.Both)
            {
                if (field == side.Server || field == side.DavUrl)
                    return $"Invalid{field.Name}";
                if (field == side.Login || field == side.Password)
                    return $"{side.Role}CredentialMissing";
            }

            if (field == AccountField.MaxMessagesPerSecond || field == AccountField.MaxBytesPerSecond)
                return "InvalidThroughputCap";
            return "InvalidArguments";
        }
    }
}
