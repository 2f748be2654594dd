using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;
using Omm.Engine.OAuth;

namespace Omm.Engine.Tests.OAuth;

/// <summary>Device code sign-in (RFC 8628) and the refresh-token grant that follows, for Microsoft365 and Google.</summary>
public sealed class DeviceCodeTests : OAuthIssuer
{
    private const string ClientId = "device-app";
    private const string Mailbox = "anna@contoso.com";

    private OAuthSettings MicrosoftSettings(string? refreshToken = null) =>
        OAuthSettings.ForMicrosoftDeviceCode(ClientId, refreshToken: refreshToken, authority: Server.Url).ForAccount(Mailbox, "source");

    private OAuthSettings GoogleSettings(string clientSecret = "google-s3cret", string? refreshToken = null) =>
        OAuthSettings.ForGoogleDeviceCode(ClientId, clientSecret, refreshToken, authority: Server.Url).ForAccount("bob@example.org", "destination");

    [Fact]
    public async Task StartGivesTheCodeToShowAndPollingWaitsForTheUser()
    {
        Server.RegisterPublicClient(ClientId);
        var flow = new DeviceCodeFlow(Cache);

        var login = await flow.StartAsync(MicrosoftSettings(), CancellationToken.None);

        Assert.Equal(Server.PendingUserCodes.Single(), login.UserCode);
        Assert.Contains(login.UserCode, login.Message);
        Assert.Contains(login.VerificationUri.AbsoluteUri, login.Message);
        Assert.Equal(TimeSpan.FromSeconds(1), login.Interval);
        Assert.Equal(Clock.GetUtcNow() + TimeSpan.FromMinutes(15), login.ExpiresAt);
        Assert.Null(await flow.PollOnceAsync(login, CancellationToken.None));
        Assert.Equal("authorization_pending", Server.Grants.Single().Error);
        Assert.Equal(OAuthSettings.MicrosoftDeviceCodeScope, MicrosoftSettings().Scope);
    }

    [Fact]
    public async Task SlowDownMakesTheIntervalFiveSecondsLonger()
    {
        Server.RegisterPublicClient(ClientId);
        var flow = new DeviceCodeFlow(Cache);
        var login = await flow.StartAsync(MicrosoftSettings(), CancellationToken.None);
        Server.SlowDown();

        Assert.Null(await flow.PollOnceAsync(login, CancellationToken.None));

        Assert.Equal(TimeSpan.FromSeconds(6), login.Interval);
        Assert.Equal("slow_down", Server.Grants.Single().Error);
    }

    [Fact]
    public async Task ApprovedSignInGivesAnAccessTokenAndARefreshToken()
    {
        Server.RegisterPublicClient(ClientId);
        var flow = new DeviceCodeFlow(Cache);
        var login = await flow.StartAsync(MicrosoftSettings(), CancellationToken.None);
        Server.Approve(login.UserCode, Mailbox);

        var tokens = await flow.PollOnceAsync(login, CancellationToken.None);

        Assert.NotNull(tokens);
        Assert.Equal(Mailbox, Tokens.UserOf(tokens!.AccessToken.Value));
        Assert.True(Server.IsRefreshTokenValid(tokens.RefreshToken!));
        Assert.Equal(DeviceCodeFlow.GrantType, Server.Grants.Single().GrantType);
    }

    [Fact]
    public async Task PollWaitsUntilTheUserApproves()
    {
        Server.RegisterPublicClient(ClientId);
        var flow = new DeviceCodeFlow(new OAuthTokenCache(TimeProvider.System));
        var login = await flow.StartAsync(MicrosoftSettings(), CancellationToken.None);
        var polling = flow.PollAsync(login, CancellationToken.None);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!Server.Grants.Any(g => g.Error == "authorization_pending") && waited.Elapsed < TimeSpan.FromSeconds(10))
            await Task.Delay(50);
        Assert.Contains(Server.Grants, g => g.Error == "authorization_pending");
        Assert.False(polling.IsCompleted);

        Server.Approve(login.UserCode, Mailbox);
        var tokens = await polling.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(Mailbox, Tokens.UserOf(tokens.AccessToken.Value));
        Assert.Null(Server.Grants[^1].Error);
    }

    [Fact]
    public async Task PollStopsWhenCancelled()
    {
        Server.RegisterPublicClient(ClientId);
        var flow = new DeviceCodeFlow(new OAuthTokenCache(TimeProvider.System));
        var login = await flow.StartAsync(MicrosoftSettings(), CancellationToken.None);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(1500));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => flow.PollAsync(login, cancel.Token));
        Assert.Single(Server.PendingUserCodes);
    }

    [Fact]
    public async Task DeclinedSignInFailsClearly()
    {
        Server.RegisterPublicClient(ClientId);
        var flow = new DeviceCodeFlow(Cache);
        var login = await flow.StartAsync(MicrosoftSettings(), CancellationToken.None);
        Server.Deny(login.UserCode);

        var failure = await Assert.ThrowsAsync<MigrationFailedException>(() => flow.PollOnceAsync(login, CancellationToken.None));

        AssertTells(failure, "source", Mailbox, "access_denied");
        Assert.Contains("declined", failure.Message);
    }

    [Fact]
    public async Task ExpiredCodeFailsClearly()
    {
        Server.RegisterPublicClient(ClientId);
        var flow = new DeviceCodeFlow(Cache);
        var login = await flow.StartAsync(MicrosoftSettings(), CancellationToken.None);
        Server.Expire(login.UserCode);

        var failure = await Assert.ThrowsAsync<MigrationFailedException>(() => flow.PollOnceAsync(login, CancellationToken.None));

        AssertTells(failure, "source", Mailbox, "expired_token");
        Assert.Contains("expired", failure.Message);
    }

    [Fact]
    public async Task PollGivesUpWhenTheCodeExpiresUnused()
    {
        Server.RegisterPublicClient(ClientId);
        var flow = new DeviceCodeFlow(Cache);
        var login = await flow.StartAsync(MicrosoftSettings(), CancellationToken.None);
        Clock.Advance(TimeSpan.FromMinutes(16));

        var failure = await Assert.ThrowsAsync<MigrationFailedException>(() => flow.PollAsync(login, CancellationToken.None));

        Assert.Equal(FailureKind.Authentication, failure.Kind);
        Assert.Contains("expired", failure.Message);
    }

    [Fact]
    public async Task UnknownClientCannotStart()
    {
        var failure = await Assert.ThrowsAsync<MigrationFailedException>(() => new DeviceCodeFlow(Cache).StartAsync(MicrosoftSettings(), CancellationToken.None));

        AssertTells(failure, "source", Mailbox, "unauthorized_client: AADSTS700016");
    }

    [Fact]
    public async Task SideRecordedAfterSignInRenewsByRefreshTokenAndKeepsTheRotatedOne()
    {
        Server.RegisterPublicClient(ClientId);
        var flow = new DeviceCodeFlow(Cache);
        var login = await flow.StartAsync(MicrosoftSettings(), CancellationToken.None);
        Server.Approve(login.UserCode, Mailbox);
        var signedIn = (await flow.PollOnceAsync(login, CancellationToken.None))!;

        // What the cmdlet records: options, and the refresh token as the secret.
        var recorded = MicrosoftSettings().WithRefreshToken(signedIn.RefreshToken!);
        var side = Side(Mailbox, recorded.Secret, recorded.ApplyTo(EndpointOptions.None));
        var source = Cache.SourceFor(side)!;
        var first = await source.GetAsync(false, CancellationToken.None);

        Assert.Equal(Mailbox, Tokens.UserOf(first.Value));
        Assert.Equal("refresh_token", Server.Grants[^1].GrantType);
        Assert.Equal(signedIn.RefreshToken, Server.Grants[^1].Form["refresh_token"]);
        Assert.False(Server.IsRefreshTokenValid(signedIn.RefreshToken!));

        // Near expiry the next token is had with the rotated refresh token (the recorded one no longer works).
        Clock.Advance(TimeSpan.FromMinutes(56));
        var second = await source.GetAsync(false, CancellationToken.None);

        Assert.NotEqual(first.Value, second.Value);
        Assert.Equal(Mailbox, Tokens.UserOf(second.Value));
        Assert.Null(Server.Grants[^1].Error);
        Assert.NotEqual(signedIn.RefreshToken, Server.Grants[^1].Form["refresh_token"]);
    }

    [Fact]
    public async Task RememberedSignInIsHandedOutWithoutARequest()
    {
        Server.RegisterPublicClient(ClientId);
        var flow = new DeviceCodeFlow(Cache);
        var login = await flow.StartAsync(MicrosoftSettings(), CancellationToken.None);
        Server.Approve(login.UserCode, Mailbox);
        var signedIn = (await flow.PollOnceAsync(login, CancellationToken.None))!;
        var grantsBefore = Server.Grants.Count;

        Cache.Remember(MicrosoftSettings(), signedIn);
        var recorded = MicrosoftSettings().WithRefreshToken(signedIn.RefreshToken!);
        var token = await Cache.SourceFor(Side(Mailbox, recorded.Secret, recorded.ApplyTo(EndpointOptions.None)))!.GetAsync(false, CancellationToken.None);

        Assert.Equal(signedIn.AccessToken.Value, token.Value);
        Assert.Equal(grantsBefore, Server.Grants.Count);
    }

    [Fact]
    public async Task RevokedRefreshTokenFailsWithTheIssuersReasonAndNoToken()
    {
        Server.RegisterPublicClient(ClientId);
        var settings = MicrosoftSettings("rt-revoked-s3cret");
        var source = Cache.SourceFor(Side(Mailbox, settings.Secret, settings.ApplyTo(EndpointOptions.None)))!;

        var failure = await RefusedAsync(source);

        AssertTells(failure, "source", Mailbox, "invalid_grant: AADSTS70000", "rt-revoked-s3cret");
    }

    [Fact]
    public async Task SideWithoutARefreshTokenTellsToSignInFirst()
    {
        var settings = MicrosoftSettings();
        var source = Cache.SourceFor(Side(Mailbox, string.Empty, settings.ApplyTo(EndpointOptions.None)))!;

        var failure = await RefusedAsync(source);

        Assert.Equal(FailureKind.Authentication, failure.Kind);
        Assert.Contains("sign in by device code first", failure.Message);
        Assert.Empty(Server.Grants);
    }

    [Fact]
    public async Task GoogleSignInUsesTheClientSecretAndRefreshesWithIt()
    {
        Server.RegisterClient(ClientId, "google-s3cret");
        var flow = new DeviceCodeFlow(Cache);
        var login = await flow.StartAsync(GoogleSettings(), CancellationToken.None);
        Assert.Null(await flow.PollOnceAsync(login, CancellationToken.None));
        Server.Approve(login.UserCode, "bob@example.org");
        var signedIn = (await flow.PollOnceAsync(login, CancellationToken.None))!;
        Assert.Equal("bob@example.org", Tokens.UserOf(signedIn.AccessToken.Value));
        Assert.Equal("/token", Server.Grants[^1].Path);
        Assert.Equal("google-s3cret", Server.Grants[^1].Form["client_secret"]);

        var recorded = GoogleSettings().WithRefreshToken(signedIn.RefreshToken!);
        var side = Side("bob@example.org", recorded.Secret, recorded.ApplyTo(EndpointOptions.None), EndpointRole.Destination);
        var token = await Cache.SourceFor(side)!.GetAsync(false, CancellationToken.None);

        Assert.Equal("bob@example.org", Tokens.UserOf(token.Value));
        Assert.Equal("refresh_token", Server.Grants[^1].GrantType);
        Assert.True(Server.IsRefreshTokenValid(signedIn.RefreshToken!));
    }

    [Fact]
    public async Task GoogleWrongClientSecretFailsWithoutTellingIt()
    {
        Server.RegisterClient(ClientId, "google-s3cret");
        var refreshToken = Server.IssueRefreshToken(ClientId, "bob@example.org");
        var settings = GoogleSettings("wrong-s3cret", refreshToken);
        var side = Side("bob@example.org", settings.Secret, settings.ApplyTo(EndpointOptions.None), EndpointRole.Destination);

        var failure = await RefusedAsync(Cache.SourceFor(side)!);

        AssertTells(failure, "destination", "bob@example.org", "invalid_client", "wrong-s3cret", refreshToken);
    }
}
