using System.Collections.Generic;

namespace Omm.Engine.Accounts
{
    /// <summary>
    /// A value an account row carries, and the column names that give it: Omm's parameter names, OVH
    /// Mail Migrator's 10-column template, and Exchange Online's IMAP migration CSV.
    /// </summary>
    public sealed class AccountField
    {
        private AccountField(string name, params string[] columns)
        {
            Name = name;
            Columns = columns;
        }

        /// <summary>The New-OmmMigration parameter it stands for.</summary>
        public string Name { get; }

        public IReadOnlyList<string> Columns { get; }

        public static readonly AccountField SourceType = new AccountField("SourceType", "SourceType", "Source Type(IMAP/Exchange/POP)", "Source Type");
        public static readonly AccountField SourceServer = new AccountField("SourceServer", "SourceServer", "Source Server url", "Source Server");
        public static readonly AccountField SourceLogin = new AccountField("SourceLogin", "SourceLogin", "Source Login/Mail", "UserName", "SourceAccount");
        public static readonly AccountField SourcePassword = new AccountField("SourcePassword", "SourcePassword", "Source Password", "Password");
        public static readonly AccountField SourceSecurity = new AccountField("SourceSecurity", "SourceSecurity");
        public static readonly AccountField SourceAdmin = new AccountField("SourceAdmin", "Source admin mail (delegation)");
        public static readonly AccountField DestinationType = new AccountField("DestinationType", "DestinationType", "Destination Type");
        public static readonly AccountField DestinationServer = new AccountField("DestinationServer", "DestinationServer",
            "Destination Url(can be leaved empty if hosted by OVH)", "Destination Url", "Destination Server");
        public static readonly AccountField DestinationLogin = new AccountField("DestinationLogin", "DestinationLogin", "Destination Mail", "EmailAddress", "DestinationAccount");
        public static readonly AccountField DestinationPassword = new AccountField("DestinationPassword", "DestinationPassword", "Destination Password");
        public static readonly AccountField DestinationSecurity = new AccountField("DestinationSecurity", "DestinationSecurity");
        public static readonly AccountField DestinationAdmin = new AccountField("DestinationAdmin", "Destination Admin Mail (delegation)");
        public static readonly AccountField SourceDavUrl = new AccountField("SourceDavUrl", "SourceDavUrl", "Source DAV Url");
        public static readonly AccountField DestinationDavUrl = new AccountField("DestinationDavUrl", "DestinationDavUrl", "Destination DAV Url");
        public static readonly AccountField Project = new AccountField("Project", "Project");
        public static readonly AccountField MaxMessagesPerSecond = new AccountField("MaxMessagesPerSecond", "MaxMessagesPerSecond");
        public static readonly AccountField MaxBytesPerSecond = new AccountField("MaxBytesPerSecond", "MaxBytesPerSecond");

        public static IReadOnlyList<AccountField> All { get; } = new[]
        {
            SourceType, SourceServer, SourceLogin, SourcePassword, SourceSecurity, SourceAdmin, SourceDavUrl,
            DestinationType, DestinationServer, DestinationLogin, DestinationPassword, DestinationSecurity, DestinationAdmin, DestinationDavUrl, Project,
            MaxMessagesPerSecond, MaxBytesPerSecond,
        };
    }
}
