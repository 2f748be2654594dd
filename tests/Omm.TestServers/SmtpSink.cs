using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Omm.TestServers;

/// <summary>
/// A real SMTP server on 127.0.0.1 and a free port (Debian's python3-aiosmtpd) that keeps every mail
/// it receives in a Maildir. Dispose stops it and deletes the folder.
/// </summary>
public sealed class SmtpSink : IDisposable
{
    private readonly Process process;

    private SmtpSink(Process process, string directory, int port)
    {
        this.process = process;
        Directory = directory;
        Port = port;
    }

    public string Directory { get; }

    public int Port { get; }

    public string Address => $"127.0.0.1:{Port}";

    /// <summary>An aiosmtpd that also offers AUTH PLAIN and LOGIN without TLS and accepts any login, for clients told to log in.</summary>
    private const string AcceptingAnyLogin = """
        import sys, threading
        from aiosmtpd.controller import Controller
        from aiosmtpd.handlers import Mailbox
        from aiosmtpd.smtp import AuthResult
        controller = Controller(Mailbox(sys.argv[1]), hostname="127.0.0.1", port=int(sys.argv[2]),
                                authenticator=lambda *_: AuthResult(success=True), auth_require_tls=False)
        controller.start()
        threading.Event().wait()
        """;

    /// <summary>
    /// An aiosmtpd that offers AUTH XOAUTH2 alone (over plaintext) and checks each bearer token with an introspection
    /// endpoint (form POST token=...; active and the same user name: 235, else 334 with an error and 535, as Gmail does).
    /// </summary>
    private const string CheckingTokens = """
        import base64, json, sys, threading, urllib.parse, urllib.request, asyncio
        from aiosmtpd.controller import Controller
        from aiosmtpd.handlers import Mailbox
        from aiosmtpd.smtp import AuthResult, MISSING
        introspection = sys.argv[3]
        def active_user(token):
            data = urllib.parse.urlencode({"token": token}).encode()
            with urllib.request.urlopen(introspection, data=data, timeout=10) as response:
                answer = json.load(response)
            return answer.get("username") if answer.get("active") is True else None
        class TokenMailbox(Mailbox):
            async def auth_XOAUTH2(self, server, args):
                if len(args) > 1:
                    blob = base64.b64decode(args[1])
                else:
                    blob = await server.challenge_auth("")
                    if blob is MISSING:
                        return AuthResult(success=False, handled=True)
                fields = dict(f.split("=", 1) for f in blob.decode().split("\x01") if "=" in f)
                user, auth = fields.get("user"), fields.get("auth", "")
                token = auth[len("Bearer "):] if auth.startswith("Bearer ") else ""
                found = await asyncio.get_running_loop().run_in_executor(None, active_user, token) if token else None
                if user and found == user:
                    return AuthResult(success=True)
                await server.challenge_auth(json.dumps({"status": "401", "schemes": "bearer", "scope": "https://mail.google.com/"}))
                return AuthResult(success=False, handled=False, message="535 5.7.8 Username and Password not accepted (token refused)")
        controller = Controller(TokenMailbox(sys.argv[1]), hostname="127.0.0.1", port=int(sys.argv[2]),
                                auth_require_tls=False, auth_exclude_mechanism=["LOGIN", "PLAIN"])
        controller.start()
        threading.Event().wait()
        """;

    /// <param name="acceptAnyLogin">Offer AUTH (over plaintext) and accept any user name and password.</param>
    public static SmtpSink Start(bool acceptAnyLogin = false) => Start(acceptAnyLogin, null);

    /// <summary>A sink that takes logins by OAuth2 token alone (AUTH XOAUTH2), each checked with <paramref name="introspectionUrl"/>.</summary>
    public static SmtpSink StartCheckingTokens(Uri introspectionUrl) => Start(false, introspectionUrl);

    private static SmtpSink Start(bool acceptAnyLogin, Uri? introspectionUrl)
    {
        const string python = "/usr/bin/python3";
        if (!File.Exists(python))
            throw new InvalidOperationException("python3 is missing; the SMTP tests need Debian's python3-aiosmtpd (scripts/install-prerequisites.sh installs it).");
        var directory = Path.Combine(Path.GetTempPath(), "omm-smtp-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(directory);
        var port = FreePort.Next();
        var start = new ProcessStartInfo(python) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        var arguments = introspectionUrl != null
            ? new[] { "-c", CheckingTokens, Path.Combine(directory, "mail"), port.ToString(System.Globalization.CultureInfo.InvariantCulture), introspectionUrl.AbsoluteUri }
            : acceptAnyLogin
            ? new[] { "-c", AcceptingAnyLogin, Path.Combine(directory, "mail"), port.ToString(System.Globalization.CultureInfo.InvariantCulture) }
            : new[] { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox", Path.Combine(directory, "mail") };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        var process = Process.Start(start) ?? throw new InvalidOperationException("Cannot start aiosmtpd.");
        var sink = new SmtpSink(process, directory, port);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
                throw new InvalidOperationException("aiosmtpd did not start (is python3-aiosmtpd installed?): " + process.StandardError.ReadToEnd());
            try
            {
                using var client = new TcpClient("127.0.0.1", port);
                return sink;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }

        sink.Dispose();
        throw new InvalidOperationException($"aiosmtpd did not listen on {sink.Address}.");
    }

    /// <summary>Every mail received so far, raw.</summary>
    public IReadOnlyList<string> Messages()
    {
        var received = new List<string>();
        foreach (var folder in new[] { "new", "cur" })
        {
            var path = Path.Combine(Directory, "mail", folder);
            if (System.IO.Directory.Exists(path))
                received.AddRange(System.IO.Directory.GetFiles(path).Select(f => File.ReadAllText(f, Encoding.UTF8)));
        }

        return received;
    }

    /// <summary>Waits until at least <paramref name="count"/> mails matching <paramref name="match"/> arrived.</summary>
    public IReadOnlyList<string> WaitFor(Func<string, bool> match, int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var found = Messages().Where(match).ToList();
            if (found.Count >= count || DateTime.UtcNow > deadline)
                return found;
            Thread.Sleep(100);
        }
    }

    public void Dispose()
    {
        try
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
        }

        process.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
