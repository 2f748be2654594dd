using System;

namespace Omm.Engine.Accounts
{
    /// <summary>An accounts file (CSV or workbook) that cannot be used at all: the message says why and names the file.</summary>
    public sealed class AccountFileException : Exception
    {
        public AccountFileException(AccountFileProblem problem, string message, Exception? inner = null)
            : base(message, inner)
        {
            Problem = problem;
        }

        public AccountFileProblem Problem { get; }
    }
}
