using System.Net;
using System.Net.Security;
using System.Text;
using Omm.Engine.Connectors.Ews;
using Omm.TestServers;
using Omm.TestServers.Ews;

namespace Omm.Engine.Tests.Ews;

/// <summary>The EWS test server's NTLM side ([MS-NLMP]) against recorded Exchange challenges, known values and .NET's own client.</summary>
public sealed class NtlmServerTests
{
    private const string User = "alice@contoso.test";
    private const string Password = "Secret-1";

    static NtlmServerTests() => ManagedNtlm.PrepareForLogin();

    [Fact]
    public void Md4_and_NTOWF_give_the_published_values()
    {
        // RFC 1320 A.5; [MS-NLMP] 4.2.2.1.2 (NTOWFv1("Password") = MD4 of its UTF-16LE) and 4.2.4.1.1 (NTOWFv2 of User/Domain).
        Assert.Equal("31d6cfe0d16ae931b73c59d7e0c089c0", Hex(Md4.Hash([])));
        Assert.Equal("a448017aaf21d8525fc10ae87aa6729d", Hex(Md4.Hash("abc"u8)));
        Assert.Equal("e33b4ddc9c38f2199c3e7b164fcc0536", Hex(Md4.Hash("12345678901234567890123456789012345678901234567890123456789012345678901234567890"u8)));
        Assert.Equal("a4f49c406510bdcab6824ee7c30fd852", Hex(Md4.Hash(Encoding.Unicode.GetBytes("Password"))));
        Assert.Equal("0c868a403bfd7a93a3001ef22ef02e3f", Hex(NtlmV2.ResponseKeyNt("Password", "User", "Domain")));
    }

    [Theory]
    [InlineData("Exchange2010_SP2", "GSSLAB", "EXCHANGE2010", "gsslab.pnq.redhat.com", true)]
    [InlineData("Exchange2007_SP1", "EXCHANGE2007", "WINDOWS2003R2", "exchange2007.gsslab", false)]
    public void The_challenges_recorded_from_Exchange_read_and_write_back_byte_for_byte(string server, string target, string computer, string dnsDomain, bool timestamp)
    {
        var recorded = RecordedChallenge(server);

        var challenge = NtlmChallengeMessage.Read(recorded);

        Assert.Equal(NtlmFlags.Unicode | NtlmFlags.RequestTarget | NtlmFlags.Ntlm | NtlmFlags.AlwaysSign | NtlmFlags.TargetTypeDomain
                     | NtlmFlags.TargetInfo | NtlmFlags.Version, challenge.Flags);
        Assert.Equal(target, challenge.TargetName);
        Assert.Equal(target, challenge.TargetInfo.Name(NtlmAvId.NbDomainName));
        Assert.Equal(computer, challenge.TargetInfo.Name(NtlmAvId.NbComputerName));
        Assert.Equal(dnsDomain, challenge.TargetInfo.Name(NtlmAvId.DnsDomainName));
        Assert.Equal(timestamp, challenge.TargetInfo.Timestamp != null);
        Assert.Equal(15, challenge.Version[7]);
        Assert.Equal(Convert.ToHexString(recorded), Convert.ToHexString(challenge.ToBytes()));
    }

    [Fact]
    public void The_recorded_2010_challenge_is_dated_when_it_was_recorded()
    {
        // The trace's Date header: Thu, 10 Oct 2013 02:52:27 GMT.
        var time = NtlmChallengeMessage.Read(RecordedChallenge("Exchange2010_SP2")).TargetInfo.Timestamp!.Value;

        Assert.True((time - new DateTimeOffset(2013, 10, 10, 2, 52, 27, TimeSpan.Zero)).Duration() < TimeSpan.FromMinutes(10), time.ToString("O"));
    }

    [Fact]
    public void Dotnets_NTLM_client_logs_in_with_NTLMv2_and_a_MIC_that_the_server_checks()
    {
        var handshake = new NtlmServerHandshake("CONTOSO", "EXCH01", "contoso.test", TimeProvider.System);
        using var client = Client(Password);

        var negotiate = client.GetOutgoingBlob(ReadOnlySpan<byte>.Empty, out var first)!;
        var challenge = handshake.Challenge(negotiate);
        var authenticate = client.GetOutgoingBlob(challenge, out var second)!;
        var verdict = handshake.Verify(authenticate, PasswordOf);

        Assert.Equal((NegotiateAuthenticationStatusCode.ContinueNeeded, NegotiateAuthenticationStatusCode.Completed), (first, second));
        Assert.True(verdict.User == User, verdict.Refusal);
        var message = NtlmAuthenticateMessage.Read(authenticate);
        var clientPairs = NtlmAvPairs.Read(message.NtResponse.AsSpan(16 + 28));
        Assert.Equal(NtlmAvPairs.MicPresent, clientPairs.AvFlags & NtlmAvPairs.MicPresent);
        Assert.Equal(NtlmChallengeMessage.Read(challenge).TargetInfo.Timestamp, clientPairs.Timestamp);
    }

    [Fact]
    public void The_AUTHENTICATE_MESSAGE_of_a_wrong_password_is_refused_by_the_NTProofStr()
    {
        var handshake = new NtlmServerHandshake("CONTOSO", "EXCH01", "contoso.test", TimeProvider.System);
        using var client = Client("not-the-password");

        var challenge = handshake.Challenge(client.GetOutgoingBlob(ReadOnlySpan<byte>.Empty, out _)!);
        var verdict = handshake.Verify(client.GetOutgoingBlob(challenge, out _)!, PasswordOf);

        Assert.Null(verdict.User);
        Assert.Contains("NTProofStr", verdict.Refusal);
        Assert.Contains("wrong password", verdict.Refusal);
    }

    [Fact]
    public void A_changed_MIC_or_an_unknown_user_or_a_replayed_AUTHENTICATE_MESSAGE_is_refused()
    {
        var server = new NtlmServer(PasswordOf, TimeProvider.System);
        using var client = Client(Password);
        var challenge = server.Accept("c1", client.GetOutgoingBlob(ReadOnlySpan<byte>.Empty, out _)!).Challenge!;
        var authenticate = client.GetOutgoingBlob(challenge, out _)!;
        var tampered = (byte[])authenticate.Clone();
        tampered[NtlmAuthenticateMessage.MicOffset] ^= 1;

        Assert.Contains("MIC", server.Accept("c1", tampered).Refusal);
        // The handshake is spent: the genuine message, or one on another connection, gets no user.
        Assert.Null(server.Accept("c1", authenticate).User);
        Assert.Null(server.Accept("c2", authenticate).User);
        Assert.Null(server.UserOf("c1"));
        var stranger = new NtlmServer(_ => null, TimeProvider.System);
        using var other = Client(Password);
        var strangerChallenge = stranger.Accept("c3", other.GetOutgoingBlob(ReadOnlySpan<byte>.Empty, out _)!).Challenge!;
        Assert.Contains("no account", stranger.Accept("c3", other.GetOutgoingBlob(strangerChallenge, out _)!).Refusal);
    }

    [Fact]
    public void A_connection_stays_authenticated_until_it_closes_or_starts_again()
    {
        var server = new NtlmServer(PasswordOf, TimeProvider.System);
        using var client = Client(Password);
        var challenge = server.Accept("c1", client.GetOutgoingBlob(ReadOnlySpan<byte>.Empty, out _)!).Challenge!;

        Assert.Equal(User, server.Accept("c1", client.GetOutgoingBlob(challenge, out _)!).User);
        Assert.Equal(User, server.UserOf("c1"));
        Assert.Null(server.UserOf("c2"));
        using var again = Client(Password);
        Assert.NotNull(server.Accept("c1", again.GetOutgoingBlob(ReadOnlySpan<byte>.Empty, out _)!).Challenge);
        Assert.Null(server.UserOf("c1"));
        server.Forget("c1");
        Assert.Null(server.UserOf("c1"));
    }

    private static string? PasswordOf(string user) => string.Equals(user, User, StringComparison.OrdinalIgnoreCase) ? Password : null;

    private static NegotiateAuthentication Client(string password) =>
        new(new NegotiateAuthenticationClientOptions { Package = "NTLM", Credential = new NetworkCredential(User, password), TargetName = "HTTP/127.0.0.1" });

    private static byte[] RecordedChallenge(string server)
    {
        var trace = File.ReadAllLines(Path.Combine(RepositoryPaths.SharedFixtures, "ews", "traces", "evolution-ews", server, "create_existing_folder"));
        const string prefix = "< WWW-Authenticate: NTLM ";
        return Convert.FromBase64String(trace.Single(l => l.StartsWith(prefix, StringComparison.Ordinal))[prefix.Length..].Trim());
    }

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}
