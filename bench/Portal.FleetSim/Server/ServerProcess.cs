using System.Diagnostics;

namespace Portal.FleetSim.Server;

/// <summary>
/// The published server (<c>artifacts/server/Portal.Server.dll</c>) started for one run on a fresh SQLite file in a
/// folder of its own, on loopback, with a configured bootstrap password; its output goes to <c>server.log</c> there.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, Uri url, string folder)
    {
        _process = process;
        Url = url;
        Folder = folder;
    }

    public Uri Url { get; }

    public string Folder { get; }

    public int Pid => _process.Id;

    public static async Task<ServerProcess> StartAsync(string dll, int port, string bootstrapPassword, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("portal-fleet-").FullName;
        var url = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(dll))!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.GetFullPath(dll));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(url.ToString().TrimEnd('/'));
        start.Environment["Portal__Database"] = Path.Combine(folder, "portal.db");
        start.Environment["Portal__Bootstrap__AdminUser"] = "admin";
        start.Environment["Portal__Bootstrap__AdminPassword"] = bootstrapPassword;
        start.Environment["Portal__AllowInsecureHttp"] = "true";
        start.Environment["Portal__Auth__LoginPermitsPerMinute"] = "100000";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the server");
        var log = new StreamWriter(Path.Combine(folder, "server.log")) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new ServerProcess(process, url, folder);
        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the server exited with {process.ExitCode}; see {folder}/server.log");
            }

            try
            {
                using var response = await http.GetAsync("api/auth/me", cancellationToken);
                return server;
            }
            catch (HttpRequestException) when (DateTimeOffset.UtcNow < deadline)
            {
                await Task.Delay(250, cancellationToken);
            }
            catch (TaskCanceledException) when (DateTimeOffset.UtcNow < deadline && !cancellationToken.IsCancellationRequested)
            {
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.WriteLine(line);
        }
    }
}
