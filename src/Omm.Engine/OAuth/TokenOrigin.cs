namespace Omm.Engine.OAuth
{
    /// <summary>Where a side's tokens come from (<see cref="OAuthOptionNames.Provider"/>).</summary>
    public enum TokenOrigin
    {
        /// <summary>An access token the admin got elsewhere, used as is: it cannot be renewed.</summary>
        Token,

        /// <summary>Microsoft Entra ID (Exchange Online).</summary>
        Microsoft365,

        /// <summary>Google (Gmail, Google Workspace).</summary>
        Google,
    }
}
