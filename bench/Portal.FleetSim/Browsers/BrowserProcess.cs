using System.Diagnostics;
using System.Globalization;
using Portal.FleetSim.Fleet;

namespace Portal.FleetSim.Browsers;

/// <summary>
/// The browsers in a process of their own (this program started again with <c>browsers</c>), so the agents' work and
/// garbage collections never delay a browser's receive time. Driven over its standard input, one command a line:
/// <c>browser SERVER COOKIE</c>, <c>watch INDEX HOST</c>, <c>take</c> (answered with one line: the window's sorted
/// latencies' count, p50, p95, p99, max and the process's GC pause in ms).
/// </summary>
public sealed class BrowserProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private BrowserProcess(Process process) => _process = process;

    public int Count { get; private set; }

    public static BrowserProcess Start()
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardInput = true, RedirectStandardOutput = true };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(BrowserProcess).Assembly.Location);
        }

        start.ArgumentList.Add("browsers");
        return new BrowserProcess(Process.Start(start) ?? throw new InvalidOperationException("could not start the browsers' process"));
    }

    public async Task AddAsync(FleetEndpoint endpoint, string cookieHeader, bool watchHostList)
    {
        await AskAsync($"browser {endpoint.Server} {cookieHeader}");
        if (watchHostList)
        {
            await AskAsync($"watch {Count} *");
        }

        Count++;
    }

    public Task WatchAsync(int browser, string host) => AskAsync($"watch {browser} {host}");

    /// <summary>The window's latencies: count, p50, p95, p99, max (ms), and the browsers' GC pause (ms).</summary>
    public async Task<double[]> TakeAsync()
    {
        var answer = await AskAsync("take");
        return [.. answer.Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture))];
    }

    private async Task<string> AskAsync(string command)
    {
        await _gate.WaitAsync();
        try
        {
            await _process.StandardInput.WriteLineAsync(command);
            await _process.StandardInput.FlushAsync();
            var answer = await _process.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("the browsers' process ended");
            return answer.StartsWith("error ", StringComparison.Ordinal) ? throw new InvalidOperationException(answer) : answer;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        if (!_process.WaitForExit(TimeSpan.FromSeconds(10)))
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    /// <summary>The child's side: reads the commands, answers each with one line.</summary>
    public static async Task<int> ServeAsync()
    {
        var latencies = new LatencyRecorder();
        var browsers = new List<SimulatedBrowser>();
        var pause = GC.GetTotalPauseDuration();
        while (await Console.In.ReadLineAsync() is { } line)
        {
            var words = line.Split(' ', 3);
            try
            {
                switch (words[0])
                {
                    case "browser":
                        var browser = new SimulatedBrowser(FleetEndpoint.Parse(words[1]), words.Length > 2 ? words[2] : "", latencies);
                        await browser.StartAsync(CancellationToken.None);
                        browsers.Add(browser);
                        Console.WriteLine("ok");
                        break;
                    case "watch":
                        await browsers[int.Parse(words[1], CultureInfo.InvariantCulture)].WatchAsync(words[2], CancellationToken.None);
                        Console.WriteLine("ok");
                        break;
                    case "take":
                        var samples = latencies.Take();
                        var now = GC.GetTotalPauseDuration();
                        double[] figures = [samples.Length, LatencyRecorder.Percentile(samples, 50), LatencyRecorder.Percentile(samples, 95),
                            LatencyRecorder.Percentile(samples, 99), samples.Length == 0 ? double.NaN : samples[^1], (now - pause).TotalMilliseconds];
                        pause = now;
                        Console.WriteLine(string.Join(' ', figures.Select(f => f.ToString("0.0", CultureInfo.InvariantCulture))));
                        break;
                    default:
                        Console.WriteLine($"error unknown command {words[0]}");
                        break;
                }
            }
            catch (Exception e)
            {
                Console.WriteLine("error " + e.Message.ReplaceLineEndings(" "));
            }
        }

        foreach (var browser in browsers)
        {
            await browser.DisposeAsync();
        }

        return 0;
    }
}
