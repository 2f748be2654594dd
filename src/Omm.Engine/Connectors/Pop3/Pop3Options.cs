using Omm.Engine.Endpoints;

namespace Omm.Engine.Connectors.Pop3
{
    /// <summary>A POP3 source's options (-Pop3Folder, -Pop3MarkAsRead), as recorded with its migration.</summary>
    public static class Pop3Options
    {
        public const string Folder = "Pop3Folder";
        public const string MarkAsRead = "Pop3MarkAsRead";

        /// <summary>The options for a destination folder (null: the inbox) and whether copies are marked read.</summary>
        public static EndpointOptions Of(string? folder, bool markAsRead) =>
            EndpointOptions.None.With(Folder, string.IsNullOrWhiteSpace(folder) ? null : folder!.Trim()).With(MarkAsRead, markAsRead ? "true" : "false");

        /// <summary>The destination folder the messages go to, '/'-separated; "INBOX" unless one was given.</summary>
        public static string FolderOf(AccountEndpoint source) => source.Options[Folder] ?? "INBOX";

        /// <summary>Copies are marked read unless told otherwise.</summary>
        public static bool MarksAsRead(AccountEndpoint source) => source.Options[MarkAsRead] != "false";
    }
}
