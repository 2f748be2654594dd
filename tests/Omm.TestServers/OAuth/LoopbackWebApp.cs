using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Omm.TestServers.OAuth;

/// <summary>A plain-HTTP Kestrel app on 127.0.0.1 and a free port, answering every request with one handler.</summary>
internal static class LoopbackWebApp
{
    /// <summary>Builds the app for a free port; <paramref name="handlerOf"/> gets the port's base URL and gives the handler.</summary>
    public static async Task<(WebApplication App, Uri Url)> StartAsync(Func<Uri, RequestDelegate> handlerOf)
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http1);
        });
        var app = builder.Build();
        var url = new Uri($"http://127.0.0.1:{port}");
        app.Run(handlerOf(url));
        await app.StartAsync().ConfigureAwait(false);
        return (app, url);
    }

    public static async ValueTask StopAsync(WebApplication app)
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }
}
