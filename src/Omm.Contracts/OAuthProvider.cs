namespace Omm
{
    /// <summary>Who issues the OAuth2 tokens a side logs in with.</summary>
    public enum OAuthProvider
    {
        /// <summary>Microsoft Entra ID, for Microsoft 365 / Exchange Online mailboxes (IMAP, POP3, SMTP at outlook.office365.com).</summary>
        Microsoft365,

        /// <summary>Google, for Google Workspace and Gmail mailboxes (imap.gmail.com, smtp.gmail.com).</summary>
        Google,
    }
}
