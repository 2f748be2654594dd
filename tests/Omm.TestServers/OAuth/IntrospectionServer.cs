using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Omm.TestServers.OAuth;

/// <summary>
/// An OAuth2 token introspection endpoint (RFC 7662) on 127.0.0.1, as Dovecot's oauth2 passdb calls it
/// (<c>introspection_mode = post</c>: a form POST of <c>token=...</c>): it answers from a <see cref="TestTokens"/>,
/// <c>{"active":true,"username":...}</c> for a live token and <c>{"active":false}</c> otherwise, and keeps what it was asked.
/// </summary>
public sealed class IntrospectionServer : IAsyncDisposable
{
    private WebApplication app = null!;
    private readonly ConcurrentQueue<(string Token, bool Active)> calls = new();

    private IntrospectionServer(TestTokens tokens, Uri url)
    {
        Tokens = tokens;
        Url = url;
    }

    public TestTokens Tokens { get; }

    /// <summary>The URL Dovecot's introspection_url points at.</summary>
    public Uri Url { get; }

    public int Calls => calls.Count;

    /// <summary>Every token asked about, in order, with whether it was answered active.</summary>
    public IReadOnlyList<(string Token, bool Active)> Asked => calls.ToArray();

    /// <summary>The distinct tokens that were answered active.</summary>
    public IReadOnlyCollection<string> AcceptedTokens => calls.Where(c => c.Active).Select(c => c.Token).Distinct().ToList();

    public static async Task<IntrospectionServer> StartAsync(TestTokens tokens)
    {
        IntrospectionServer? server = null;
        var (app, _) = await LoopbackWebApp.StartAsync(url => (server = new IntrospectionServer(tokens, new Uri(url, "/introspect"))).HandleAsync).ConfigureAwait(false);
        server!.app = app;
        return server;
    }

    private async Task HandleAsync(HttpContext context)
    {
        string? token = null;
        if (HttpMethods.IsPost(context.Request.Method) && context.Request.HasFormContentType)
            token = (await context.Request.ReadFormAsync().ConfigureAwait(false))["token"].ToString();
        // Dovecot may also send the token as a bearer header (introspection_mode = auth).
        var header = context.Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(token) && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            token = header["Bearer ".Length..].Trim();
        var user = string.IsNullOrEmpty(token) ? null : Tokens.UserOf(token);
        calls.Enqueue((token ?? string.Empty, user != null));
        context.Response.ContentType = "application/json";
        var body = user != null
            ? JsonSerializer.Serialize(new Dictionary<string, object> { ["active"] = true, ["username"] = user })
            : "{\"active\":false}";
        await context.Response.WriteAsync(body).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => LoopbackWebApp.StopAsync(app);
}
