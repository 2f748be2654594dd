using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Omm.TestServers;

/// <summary>
/// A server process of the tests (CalDAV/CardDAV, dnsmasq): started on 127.0.0.1, its output kept (the last lines, for
/// error messages) so that a chatty server never blocks on a full pipe, and killed by its PID.
/// </summary>
internal sealed class DavServerProcess : IDisposable
{
    private const int KeptOutputLines = 200;

    private readonly Process process;
    private readonly Queue<string> output = new();

    private DavServerProcess(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    public string Output
    {
        get
        {
            lock (output)
                return string.Join("\n", output);
        }
    }

    public static DavServerProcess Start(string fileName, IEnumerable<string> arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        return new DavServerProcess(Process.Start(start) ?? throw new InvalidOperationException($"Cannot start {fileName}."));
    }

    /// <summary>Waits until PROPFIND / gets any HTTP answer (401 included), or throws with the server's output.</summary>
    public void WaitUntilAnswering(string name, int port, bool tls, TimeSpan limit)
    {
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                process.WaitForExit(); // drains the output readers
                throw new InvalidOperationException($"{name} exited ({process.ExitCode}) instead of listening on 127.0.0.1:{port}:\n{Output}");
            }

            try
            {
                using var request = new HttpRequestMessage(new HttpMethod("PROPFIND"), $"{(tls ? "https" : "http")}://127.0.0.1:{port}/");
                request.Headers.Add("Depth", "0");
                request.Content = new StringContent("<?xml version=\"1.0\"?><propfind xmlns=\"DAV:\"><prop><resourcetype/></prop></propfind>", Encoding.UTF8, "application/xml");
                using var response = http.Send(request);
                if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
                    return;
            }
            catch (HttpRequestException e) when (e.InnerException is SocketException || e.InnerException is IOException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            Thread.Sleep(50);
        }

        throw new InvalidOperationException($"{name} did not answer on 127.0.0.1:{port} within {limit.TotalSeconds} s:\n{Output}");
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
    }

    private void Keep(string? line)
    {
        if (line == null)
            return;
        lock (output)
        {
            output.Enqueue(line);
            while (output.Count > KeptOutputLines)
                output.Dequeue();
        }
    }

    /// <summary>Removes a server's working folder; a file still held open is left for the OS to clean.</summary>
    public static void DeleteFolder(string directory)
    {
        try
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
