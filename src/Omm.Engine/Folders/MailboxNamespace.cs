namespace Omm.Engine.Folders
{
    /// <summary>The personal namespace of an account: the prefix its folder names start with and its hierarchy separator.</summary>
    public sealed class MailboxNamespace
    {
        public MailboxNamespace(string prefix, char separator)
        {
            Prefix = prefix ?? string.Empty;
            Separator = separator;
        }

        public string Prefix { get; }

        /// <summary>The hierarchy separator, or '\0' when the server has no hierarchy.</summary>
        public char Separator { get; }

        public static bool IsInbox(string name) => string.Equals(name, "INBOX", System.StringComparison.OrdinalIgnoreCase);
    }
}
