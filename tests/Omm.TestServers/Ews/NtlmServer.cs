using System.Buffers.Binary;
using System.Collections.Concurrent;

namespace Omm.TestServers.Ews;

/// <summary>
/// NTLM over HTTP as IIS does it: the handshake and then the authenticated user belong to one TCP connection
/// (keyed here by Kestrel's connection id). A NEGOTIATE_MESSAGE starts a handshake afresh on its connection; later
/// requests on an authenticated connection need no Authorization header; a closed connection is forgotten.
/// </summary>
public sealed class NtlmServer(Func<string, string?> passwordOf, TimeProvider time)
{
    public const string Domain = "CONTOSO";
    public const string Computer = "EXCH01";
    public const string DnsDomain = "contoso.test";

    private readonly ConcurrentDictionary<string, NtlmServerHandshake> handshakes = new();
    private readonly ConcurrentDictionary<string, string> users = new();
    private readonly ConcurrentQueue<string> refusals = new();

    /// <summary>Why AUTHENTICATE_MESSAGEs were refused, in order.</summary>
    public IReadOnlyList<string> Refusals => [.. refusals];

    /// <summary>The user a connection authenticated as, or null.</summary>
    public string? UserOf(string connectionId) => users.GetValueOrDefault(connectionId);

    public NtlmVerdict Accept(string connectionId, byte[] token)
    {
        var type = token.Length >= 12 && token.AsSpan(0, 8).SequenceEqual(NtlmWire.Signature) ? BinaryPrimitives.ReadUInt32LittleEndian(token.AsSpan(8)) : 0;
        switch (type)
        {
            case 1:
                users.TryRemove(connectionId, out _);
                var handshake = new NtlmServerHandshake(Domain, Computer, DnsDomain, time);
                try
                {
                    var challenge = handshake.Challenge(token);
                    handshakes[connectionId] = handshake;
                    return NtlmVerdict.Challenging(challenge);
                }
                catch (FormatException e)
                {
                    return Refuse(e.Message);
                }

            case 3:
                if (!handshakes.TryRemove(connectionId, out var started))
                    return Refuse("an AUTHENTICATE_MESSAGE on a connection that got no challenge");
                var verdict = started.Verify(token, passwordOf);
                if (verdict.User != null)
                    users[connectionId] = verdict.User;
                else
                    refusals.Enqueue(verdict.Refusal!);
                return verdict;

            default:
                return Refuse(type == 0 ? "not an NTLM message (a SPNEGO token?)" : $"an NTLM message of type {type} from a client");
        }
    }

    public void Forget(string connectionId)
    {
        handshakes.TryRemove(connectionId, out _);
        users.TryRemove(connectionId, out _);
    }

    private NtlmVerdict Refuse(string why)
    {
        refusals.Enqueue(why);
        return NtlmVerdict.Refused(why);
    }
}
