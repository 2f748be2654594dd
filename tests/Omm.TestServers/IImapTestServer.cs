namespace Omm.TestServers;

/// <summary>A throwaway IMAP server the tests log in to with one password, over plain TCP.</summary>
public interface IImapTestServer
{
    string Host { get; }

    int Port { get; }

    string Address { get; }

    string Password { get; }

    /// <summary>The hierarchy separator of the personal namespace.</summary>
    char Separator { get; }
}
