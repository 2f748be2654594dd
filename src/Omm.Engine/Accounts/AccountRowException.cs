using System;

namespace Omm.Engine.Accounts
{
    /// <summary>A row of an accounts list that cannot become a migration; the message names the row and the column.</summary>
    public sealed class AccountRowException : Exception
    {
        public AccountRowException(AccountRow row, AccountField field, string column, string problem)
            : base($"{row.Describe(column)}: {problem}")
        {
            Row = row;
            Field = field;
            Column = column;
            Problem = problem;
        }

        /// <summary>The value the cell should have given.</summary>
        public AccountField Field { get; }

        /// <summary>What is wrong, without the row and column.</summary>
        public string Problem { get; }

        public AccountRow Row { get; }

        public string Column { get; }
    }
}
