using System;
using System.Net;

namespace Omm.Engine.Accounts
{
    /// <summary>
    /// Which login and password log in to one side, from what a user gives: an account row's cells, the
    /// command line (-Login and -Password, or -Credential) and, for a recorded migration, its recorded
    /// account and the credential sealed in its project.
    /// </summary>
    public static class CredentialChoice
    {
        /// <summary>The login a row means for a side: its cell, else -Login, else -Credential's; null when none gives one.</summary>
        public static string? Login(AccountRow? row, SideFields fields, SideDefaults given) =>
            fields.Login.ValueIn(row) ?? given.Login ?? given.Credential?.UserName;

        /// <summary>
        /// A new side's credential (New-OmmMigration, Import-OmmFile's destination) for <paramref name="login"/>: a row's own password cell wins,
        /// else -Password, else -Credential's password; null when none gives one.
        /// </summary>
        public static NetworkCredential? RowFirst(AccountRow row, SideFields fields, SideDefaults given, string login)
        {
            if (fields.Password.ValueIn(row) is string password)
                return new NetworkCredential(login, password);
            if (given.Password != null)
                return new NetworkCredential(login, given.Password);
            return given.Credential == null ? null : new NetworkCredential(login, given.Credential.SecurePassword);
        }

        /// <summary>
        /// The credential of a side of a recorded migration (Sync-OmmMigration, Remove-OmmMigratedItem): the parameters
        /// win (-Credential, else -Password with -Login or the recorded account), else a piped row's password with its
        /// login or the recorded account, else what <paramref name="stored"/> opens from the project; null when none gives one.
        /// </summary>
        /// <param name="given">The command line's -Credential, -Login and -Password for the side.</param>
        /// <param name="recordedAccount">The login recorded with the migration; null for a side not recorded yet.</param>
        /// <param name="row">A piped account row naming the migration, or null.</param>
        /// <param name="fields">The row's fields for the side.</param>
        /// <param name="stored">Opens the credential sealed in the project, or gives null; called only when nothing else gives one.</param>
        public static NetworkCredential? ParametersFirst(SideDefaults given, string? recordedAccount, AccountRow? row, SideFields fields,
            Func<NetworkCredential?>? stored = null)
        {
            if (given.Credential != null)
                return given.Credential;
            if (given.Password != null)
                return NonEmpty(given.Login ?? recordedAccount) is string login ? new NetworkCredential(login, given.Password) : null;
            if (fields.Password.ValueIn(row) is string rowPassword)
                return NonEmpty(fields.Login.ValueIn(row) ?? recordedAccount) is string rowLogin ? new NetworkCredential(rowLogin, rowPassword) : null;
            return stored?.Invoke();
        }

        private static string? NonEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
    }
}
