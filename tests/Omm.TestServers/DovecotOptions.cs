namespace Omm.TestServers;

/// <summary>How a throwaway Dovecot instance is shaped.</summary>
public sealed record DovecotOptions
{
    /// <summary>The namespace hierarchy separator.</summary>
    public char Separator { get; init; } = '/';

    /// <summary>Special-use folders created for every user: name and attribute (e.g. "Sent Items", "\Sent"); attribute null = no SPECIAL-USE.</summary>
    public IReadOnlyList<(string Name, string? SpecialUse)> SpecialFolders { get; init; } =
        new (string, string?)[] { ("Sent", "\\Sent"), ("Drafts", "\\Drafts"), ("Trash", "\\Trash"), ("Junk", "\\Junk") };

    /// <summary>Refuse messages larger than this many bytes (quota plugin), or null for no limit.</summary>
    public long? MaxMessageSize { get; init; }

    /// <summary>Offer STARTTLS with a self-signed certificate.</summary>
    public bool StartTls { get; init; }

    /// <summary>The password every user logs in with.</summary>
    public string Password { get; init; } = "secret";
}
