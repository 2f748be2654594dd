using System;

namespace Omm.Engine.Accounts
{
    /// <summary>An accounts file (CSV or workbook) that cannot be read at all.</summary>
    public sealed class AccountFileException : Exception
    {
        public AccountFileException(string message, Exception inner)
            : base(message, inner)
        {
        }
    }
}
