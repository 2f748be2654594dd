using Omm.Engine.Endpoints;
using Omm.Engine.OAuth;

namespace Omm.Engine.Tests.OAuth;

/// <summary>When a cached token is handed out and when a new one is asked, counted by the requests the issuer saw.</summary>
public sealed class TokenCacheTests : OAuthIssuer
{
    private const string ClientId = "cache-app";
    private const string Mailbox = "anna@contoso.com";

    private AccountEndpoint AppSide(string secret = "s3cret-value") => Side(Mailbox, secret, Options("Microsoft365", "App", Tenant, ClientId));

    [Fact]
    public async Task SecondCallGetsTheCachedTokenWithoutARequest()
    {
        Server.RegisterClient(ClientId, "s3cret-value", Mailbox);
        var source = Cache.SourceFor(AppSide())!;

        var first = await source.GetAsync(false, CancellationToken.None);
        var second = await source.GetAsync(false, CancellationToken.None);

        Assert.Equal(first.Value, second.Value);
        Assert.True(second.FromCache && !first.FromCache);
        Assert.Single(Server.Grants);
    }

    [Fact]
    public async Task SidesLoggingInAlikeShareOneSourceAndAnotherSecretDoesNot()
    {
        Server.RegisterClient(ClientId, "s3cret-value", Mailbox);

        Assert.Same(Cache.SourceFor(AppSide()), Cache.SourceFor(AppSide()));
        Assert.NotSame(Cache.SourceFor(AppSide()), Cache.SourceFor(AppSide("other-s3cret")));
        await Cache.SourceFor(AppSide())!.GetAsync(false, CancellationToken.None);
        await Cache.SourceFor(AppSide())!.GetAsync(false, CancellationToken.None);
        Assert.Single(Server.Grants);
    }

    [Fact]
    public async Task TokenIsRenewedFiveMinutesBeforeItExpires()
    {
        Server.RegisterClient(ClientId, "s3cret-value", Mailbox);
        var source = Cache.SourceFor(AppSide())!;
        var first = await source.GetAsync(false, CancellationToken.None);

        Clock.Advance(TimeSpan.FromMinutes(55) - TimeSpan.FromSeconds(1));
        Assert.Equal(first.Value, (await source.GetAsync(false, CancellationToken.None)).Value);
        Assert.Single(Server.Grants);

        Clock.Advance(TimeSpan.FromSeconds(2));
        var second = await source.GetAsync(false, CancellationToken.None);

        Assert.NotEqual(first.Value, second.Value);
        Assert.Equal(2, Server.Grants.Count);
        Assert.Equal(Mailbox, Tokens.UserOf(second.Value));
    }

    [Fact]
    public async Task ShortLivedTokenIsRenewedAtHalfItsLifetime()
    {
        Server.RegisterClient(ClientId, "s3cret-value", Mailbox);
        Tokens.Lifetime = TimeSpan.FromMinutes(6);
        var source = Cache.SourceFor(AppSide())!;
        var first = await source.GetAsync(false, CancellationToken.None);

        Clock.Advance(TimeSpan.FromMinutes(3) - TimeSpan.FromSeconds(1));
        Assert.Equal(first.Value, (await source.GetAsync(false, CancellationToken.None)).Value);
        Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.NotEqual(first.Value, (await source.GetAsync(false, CancellationToken.None)).Value);

        Assert.Equal(2, Server.Grants.Count);
    }

    [Fact]
    public async Task RefreshAsksANewTokenAtOnce()
    {
        Server.RegisterClient(ClientId, "s3cret-value", Mailbox);
        var source = Cache.SourceFor(AppSide())!;
        var first = await source.GetAsync(false, CancellationToken.None);

        var refreshed = await source.GetAsync(true, CancellationToken.None);

        Assert.NotEqual(first.Value, refreshed.Value);
        Assert.Equal(2, Server.Grants.Count);
        Assert.Equal(refreshed.Value, (await source.GetAsync(false, CancellationToken.None)).Value);
    }

    [Fact]
    public async Task CallersAtTheSameTimeShareOneRequest()
    {
        Server.RegisterClient(ClientId, "s3cret-value", Mailbox);
        Server.TokenDelay = TimeSpan.FromMilliseconds(500);
        var source = Cache.SourceFor(AppSide())!;

        var tokens = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => source.GetAsync(false, CancellationToken.None))));

        Assert.Single(Server.Grants);
        Assert.All(tokens, t => Assert.Equal(tokens[0].Value, t.Value));
    }

    [Fact]
    public async Task ACallerGivingUpDoesNotCancelTheRequestOthersWaitFor()
    {
        Server.RegisterClient(ClientId, "s3cret-value", Mailbox);
        Server.TokenDelay = TimeSpan.FromMilliseconds(500);
        var source = Cache.SourceFor(AppSide())!;
        using var impatient = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        var cancelled = source.GetAsync(false, impatient.Token);
        var patient = source.GetAsync(false, CancellationToken.None);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal(Mailbox, Tokens.UserOf((await patient).Value));
        Assert.Single(Server.Grants);
    }

    [Fact]
    public async Task AFailureIsNotCached()
    {
        var source = Cache.SourceFor(AppSide())!;
        await RefusedAsync(source);

        Server.RegisterClient(ClientId, "s3cret-value", Mailbox);
        var token = await source.GetAsync(false, CancellationToken.None);

        Assert.Equal(Mailbox, Tokens.UserOf(token.Value));
        Assert.Equal(2, Server.Grants.Count);
    }

    [Fact]
    public async Task GivenTokenIsHandedOutAsIsAndCannotBeRefreshed()
    {
        var source = Cache.SourceFor(Side(Mailbox, "tok-given", EndpointOptions.None.With(OAuthOptionNames.Provider, "Token")))!;

        Assert.False(source.CanRefresh);
        Assert.Equal(Mailbox, source.Account);
        Assert.Equal("tok-given", (await source.GetAsync(true, CancellationToken.None)).Value);
        Assert.Null((await source.GetAsync(false, CancellationToken.None)).ExpiresAt);
        Assert.Empty(Server.Grants);
    }

    [Fact]
    public void SideWithoutTheOAuthOptionHasNoTokenSource()
    {
        Assert.Null(OAuthLogins.TokenSourceFor(Side(Mailbox, "password", EndpointOptions.None)));
        Assert.Null(Cache.SourceFor(Side(Mailbox, "password", EndpointOptions.None.With("Pop3Folder", "INBOX"))));
    }

    [Fact]
    public void TheProcessWideFactoryCachesSources()
    {
        var side = Side(Mailbox, "s3cret-value", Options("Microsoft365", "App", Tenant, "factory-app"));

        Assert.Same(OAuthLogins.TokenSourceFor(side), OAuthLogins.TokenSourceFor(side));
        Assert.IsType<GivenTokenSource>(OAuthLogins.TokenSourceFor(Side(Mailbox, "tok", EndpointOptions.None.With(OAuthOptionNames.Provider, "token"))));
    }
}
