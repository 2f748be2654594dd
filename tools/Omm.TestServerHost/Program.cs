using System.Text.Json;
using Omm.TestServers;
using Omm.TestServers.OAuth;

namespace Omm.TestServerHost;

/// <summary>
/// Starts a source and a destination Dovecot on loopback (and, with --dav, a Radicale for each), prints one JSON line
/// with their addresses and the password every user logs in with, then answers commands read from standard input, one
/// JSON line each, until that input ends; then it stops the servers. Commands:
/// <c>seed USER sample|COUNT</c> fills USER's source mailbox (the demo's sample, or COUNT small messages in INBOX and
/// Projects/Alpha); <c>check USER [DESTINATION_USER]</c> compares the source and destination mailboxes byte for byte;
/// <c>folders USER</c> lists the destination's folders; <c>dav USER</c> compares the DAV accounts;
/// <c>stop-destination</c>/<c>start-destination</c> take the destination server down and up again.
/// With <c>--oauth</c> it also runs the tests' OAuth2 issuer and an introspection endpoint, and prints the issuer's URL
/// with an app registered for every user (Microsoft 365 client credentials: tenant, client id, client secret);
/// <c>oauth-on</c> makes the source take OAuth2 tokens only (seed it first), <c>oauth-off</c> passwords again.
/// </summary>
internal static class Program
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = null };

    private static int Main(string[] args)
    {
        try
        {
            return Serve(args);
        }
        finally
        {
            StopServers();
        }
    }

    private static int Serve(string[] args)
    {
        var dav = args.Contains("--dav");
        const string password = RadicaleServer.SharedPassword;
        var users = args.SkipWhile(a => a != "--dav-users").Skip(1).FirstOrDefault()?.Split(',') ?? new[] { "demo@omm.test" };
        // Stopped when the input ends, and also on SIGTERM (Stop-Process) or Ctrl+C, which end the process without unwinding.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => StopServers();
        var source = Started(DovecotServer.Start(new DovecotOptions { Separator = '/', Password = password }));
        var destination = Started(DovecotServer.Start(new DovecotOptions
        {
            Separator = '.',
            Password = password,
            SpecialFolders = new (string, string?)[] { ("Sent Items", "\\Sent"), ("Drafts", "\\Drafts"), ("Deleted Items", "\\Trash"), ("Junk E-mail", "\\Junk") },
        }));
        var sourceDav = dav ? Started(RadicaleServer.Start(users)) : null;
        var destinationDav = dav ? Started(RadicaleServer.Start(users)) : null;
        var oauth = args.Contains("--oauth") ? StartOAuth(args.SkipWhile(a => a != "--oauth-user").Skip(1).FirstOrDefault() ?? users[0]) : null;

        Reply(new
        {
            Source = source.Address,
            Destination = destination.Address,
            SourceDav = sourceDav?.Url.ToString(),
            DestinationDav = destinationDav?.Url.ToString(),
            Password = password,
            Fixtures = RepositoryPaths.SharedFixtures,
            Issuer = oauth?.Issuer.Url.AbsoluteUri,
            Tenant = oauth == null ? null : OAuthTenant,
            ClientId = oauth == null ? null : OAuthClientId,
            ClientSecret = oauth == null ? null : OAuthClientSecret,
        });

        string? line;
        while ((line = ReadLine()) != null)
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0)
                continue;
            try
            {
                Reply(words[0] switch
                {
                    "seed" => Seed(source, words[1], words.Length > 2 ? words[2] : "sample"),
                    "check" => Check(source, destination, words[1], words.Length > 2 ? words[2] : words[1]),
                    "folders" => new { Folders = MailboxSnapshot.Read(destination, words[1]).Messages.ToDictionary(f => f.Key, f => f.Value.Count) },
                    "dav" when dav => CheckDav(sourceDav!, destinationDav!, words[1]),
                    "stop-destination" => Do(destination.Stop),
                    "start-destination" => Do(destination.StartAgain),
                    "oauth-on" when oauth != null => Do(() => source.SwitchTo(source.Options with { OAuth2IntrospectionUrl = oauth.Introspection.Url })),
                    "oauth-off" when oauth != null => Do(() => source.SwitchTo(source.Options with { OAuth2IntrospectionUrl = null })),
                    _ => new { Error = $"Unknown command '{line}'." },
                });
            }
            catch (Exception e)
            {
                Reply(new { Error = e.Message });
            }
        }

        return 0;
    }

    private const string OAuthTenant = "contoso.onmicrosoft.com";
    private const string OAuthClientId = "0b9e6c1a-3f4d-4e55-9a7b-0mm7e57a99";
    private const string OAuthClientSecret = "test-app-secret~0mm";

    private sealed record OAuthServers(OAuthTestServer Issuer, IntrospectionServer Introspection) : IDisposable
    {
        public void Dispose()
        {
            Issuer.DisposeAsync().AsTask().GetAwaiter().GetResult();
            Introspection.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>The issuer and the introspection endpoint the source asks about tokens, sharing what was issued.</summary>
    private static OAuthServers StartOAuth(string user)
    {
        var tokens = new TestTokens();
        var servers = Started(new OAuthServers(OAuthTestServer.StartAsync(tokens).GetAwaiter().GetResult(),
            IntrospectionServer.StartAsync(tokens).GetAwaiter().GetResult()));
        servers.Issuer.RegisterClient(OAuthClientId, OAuthClientSecret, user);
        return servers;
    }

    private static readonly List<IDisposable> Servers = new();

    private static T Started<T>(T server) where T : IDisposable
    {
        lock (Servers)
            Servers.Add(server);
        return server;
    }

    private static void StopServers()
    {
        lock (Servers)
        {
            foreach (var server in Servers)
                server.Dispose();
            Servers.Clear();
        }
    }

    private static string? ReadLine()
    {
        try
        {
            return Console.In.ReadLine();
        }
        catch (ObjectDisposedException)
        {
            return null;
        }
    }

    private static void Reply(object value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, Json));

    private static object Do(Action action)
    {
        action();
        return new { Done = true };
    }

    private static object Seed(DovecotServer source, string user, string what)
    {
        IReadOnlyList<SeedMessage> messages = what == "sample"
            ? SampleMailbox.Full(largeMessageBytes: 8 * 1024 * 1024)
            : Enumerable.Range(0, int.Parse(what, System.Globalization.CultureInfo.InvariantCulture))
                .Select(i => new SeedMessage(i % 2 == 0 ? "INBOX" : "Projects/Alpha", SampleMailbox.Generate(i, $"Message {i} for {user}", 2000 + i * 37),
                    i % 3 == 0 ? new[] { "\\Seen" } : Array.Empty<string>(), new DateTimeOffset(2024, 1 + i % 12, 1 + i % 28, 9, 0, 0, TimeSpan.Zero), $"generated {i}"))
                .ToList();
        using var client = RawImapClient.Connect(source, user);
        SampleMailbox.Seed(client, messages);
        client.Logout();
        return new { Messages = messages.Count, Folders = messages.Select(m => m.Folder).Distinct().Count() };
    }

    private static object Check(DovecotServer source, DovecotServer destination, string user, string destinationUser)
    {
        var original = MailboxSnapshot.Read(source, user);
        var copied = MailboxSnapshot.Read(destination, destinationUser);
        var copiedHashes = copied.Messages.Values.SelectMany(m => m).Select(m => m.Sha256).ToHashSet();
        return new
        {
            Source = original.Count,
            Destination = copied.Count,
            Identical = original.Messages.Values.SelectMany(m => m).Count(m => copiedHashes.Contains(m.Sha256)),
            Folders = copied.Messages.OrderBy(f => f.Key, StringComparer.Ordinal).ToDictionary(f => f.Key, f => f.Value.Count),
        };
    }

    private static object CheckDav(RadicaleServer sourceDav, RadicaleServer destinationDav, string user)
    {
        var original = DavSnapshot.Read(sourceDav, user);
        var copied = DavSnapshot.Read(destinationDav, user);
        return new
        {
            Source = original.Count,
            Destination = copied.Count,
            SameCollections = original.Collections.All(c => copied.Collections.TryGetValue(c.Key, out var copies) && copies.Count == c.Value.Count),
            Collections = copied.Collections.OrderBy(c => c.Key, StringComparer.Ordinal).ToDictionary(c => c.Key, c => c.Value.Count),
        };
    }
}
