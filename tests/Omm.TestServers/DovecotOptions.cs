namespace Omm.TestServers;

/// <summary>How a throwaway Dovecot instance is shaped.</summary>
public sealed record DovecotOptions
{
    /// <summary>The namespace hierarchy separator.</summary>
    public char Separator { get; init; } = '/';

    /// <summary>
    /// The personal namespace's prefix, with its trailing separator ("INBOX." as Courier and Cyrus have it:
    /// INBOX itself, and every other folder below it), or empty.
    /// </summary>
    public string Prefix { get; init; } = string.Empty;

    /// <summary>Special-use folders created for every user: name and attribute (e.g. "Sent Items", "\Sent"); attribute null = no SPECIAL-USE.</summary>
    public IReadOnlyList<(string Name, string? SpecialUse)> SpecialFolders { get; init; } =
        new (string, string?)[] { ("Sent", "\\Sent"), ("Drafts", "\\Drafts"), ("Trash", "\\Trash"), ("Junk", "\\Junk") };

    /// <summary>Refuse messages larger than this many bytes (quota plugin), or null for no limit.</summary>
    public long? MaxMessageSize { get; init; }

    /// <summary>
    /// Load Dovecot's listescape plugin, so that folder names can hold what the mail store could not
    /// ('/' with the '.' separator, '.' and '..' levels, a leading '~'): it escapes them on disk.
    /// </summary>
    public bool ListEscape { get; init; }

    /// <summary>Refuse messages once a user's mail takes this many bytes (quota plugin: NO [OVERQUOTA]), or null for no limit.</summary>
    public long? QuotaBytes { get; init; }

    /// <summary>Offer STARTTLS with <see cref="Certificate"/>.</summary>
    public bool StartTls { get; init; }

    /// <summary>Speak TLS from the first byte (IMAPS, as on port 993) with <see cref="Certificate"/>; no plaintext listener.</summary>
    public bool ImplicitTls { get; init; }

    /// <summary>The TLS certificate; null for a self-signed one for CN=localhost.</summary>
    public TestCertificate? Certificate { get; init; }

    /// <summary>The loopback address to listen on (any of 127.0.0.0/8 on Linux).</summary>
    public string ListenAddress { get; init; } = "127.0.0.1";

    /// <summary>The port to listen on (993 needs root), or null for a free one.</summary>
    public int? ListenPort { get; init; }

    /// <summary>Dovecot's own capability list after login, minus CONDSTORE and QRESYNC.</summary>
    public const string CapabilitiesWithoutCondStore =
        "IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE SORT SORT=DISPLAY THREAD=REFERENCES THREAD=REFS THREAD=ORDEREDSUBJECT " +
        "MULTIAPPEND URL-PARTIAL CATENATE UNSELECT CHILDREN NAMESPACE UIDPLUS LIST-EXTENDED I18NLEVEL=1 ESEARCH ESORT SEARCHRES WITHIN " +
        "CONTEXT=SEARCH LIST-STATUS BINARY MOVE STATUS=SIZE LITERAL+ SPECIAL-USE";

    /// <summary>Replaces the capabilities advertised after login (Dovecot's imap_capability), or null for Dovecot's own.</summary>
    public string? Capabilities { get; init; }

    /// <summary>How many IMAP connections one user may have open from one address (Dovecot's mail_max_userip_connections).</summary>
    public int MaxConnectionsPerUser { get; init; } = 200;

    /// <summary>
    /// A mail folder to serve a copy of (one maildir per user, as <see cref="DovecotServer.MailDirectory"/> holds them), or null
    /// to start empty. Its dovecot-uidlist and index files come along, so each folder keeps its UIDVALIDITY and UIDs.
    /// </summary>
    public string? MailFrom { get; init; }

    /// <summary>
    /// Serve POP3 too, on <see cref="DovecotServer.Pop3Port"/>: plaintext with STLS when <see cref="StartTls"/>, plaintext
    /// alone without TLS, TLS from the first byte (as on port 995) when <see cref="ImplicitTls"/>.
    /// </summary>
    public bool Pop3 { get; init; }

    /// <summary>Let one POP3 session at a time have the mailbox (Dovecot's pop3_lock_session): a second gets -ERR [IN-USE].</summary>
    public bool Pop3LockSession { get; init; }

    /// <summary>
    /// Log in by OAuth2 bearer token instead of password: Dovecot's oauth2 passdb checks each token with this introspection
    /// endpoint (<c>introspection_mode = post</c>, see <see cref="OAuth.IntrospectionServer"/>), and password logins are refused.
    /// Null: password logins.
    /// </summary>
    public Uri? OAuth2IntrospectionUrl { get; init; }

    /// <summary>The SASL mechanisms offered for tokens with <see cref="OAuth2IntrospectionUrl"/>: both, or "oauthbearer" (or "xoauth2") alone.</summary>
    public string OAuth2Mechanisms { get; init; } = "xoauth2 oauthbearer";

    /// <summary>The password every user logs in with.</summary>
    public string Password { get; init; } = "secret";
}
