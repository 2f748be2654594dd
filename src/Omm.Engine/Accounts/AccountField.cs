using System.Collections.Generic;
using System.Linq;

namespace Omm.Engine.Accounts
{
    /// <summary>
    /// A value an account row carries, and the column names that give it: Omm's parameter names, OVH
    /// Mail Migrator's 10-column template, and Exchange Online's IMAP migration CSV. Those of one side
    /// are in <see cref="SideFields"/>.
    /// </summary>
    public sealed class AccountField
    {
        internal AccountField(string name, params string[] columns)
        {
            Name = name;
            Columns = columns;
        }

        /// <summary>The New-OmmMigration parameter it stands for.</summary>
        public string Name { get; }

        public IReadOnlyList<string> Columns { get; }

        public static readonly AccountField Project = new AccountField("Project", "Project");
        public static readonly AccountField MaxMessagesPerSecond = new AccountField("MaxMessagesPerSecond", "MaxMessagesPerSecond");
        public static readonly AccountField MaxBytesPerSecond = new AccountField("MaxBytesPerSecond", "MaxBytesPerSecond");

        // A property rather than a field: SideFields creates its fields through this class, so a field here would run into a cycle.
        public static IReadOnlyList<AccountField> All =>
            SideFields.Source.All.Concat(SideFields.Destination.All).Concat(new[] { Project, MaxMessagesPerSecond, MaxBytesPerSecond }).ToList();

        /// <summary>The row's value of this field: the first of its columns the row has, when not empty; else null.</summary>
        public string? ValueIn(AccountRow? row) => row?.Find(Columns) is (string, string value) && value.Length > 0 ? value : null;
    }
}
