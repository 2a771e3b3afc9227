using System.Diagnostics;
using System.Text;

namespace Portal.Packaging.Tests.Infrastructure;

/// <summary>Runs an external program with an argument list (never a shell string) and collects its output.</summary>
public static class ProcessRunner
{
    public static async Task<ProcessResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? environment = null,
        string? workingDirectory = null)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        using var process = new Process { StartInfo = startInfo };
        var output = new StringBuilder();
        var error = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (error) error.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        // WaitForExitAsync returns after the redirected streams reached end of file.
        lock (output) lock (error)
        {
            return new ProcessResult(process.ExitCode, output.ToString(), error.ToString());
        }
    }

    public static async Task<string> RunCheckedAsync(
        string fileName,
        IEnumerable<string> arguments,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? environment = null,
        string? workingDirectory = null)
    {
        var argumentList = arguments.ToList();
        var result = await RunAsync(fileName, argumentList, cancellationToken, environment, workingDirectory);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{fileName} {string.Join(' ', argumentList)} exited with {result.ExitCode}\n" +
                $"stdout:\n{Tail(result.StandardOutput)}\nstderr:\n{Tail(result.StandardError)}");
        }
        return result.StandardOutput;
    }

    private static string Tail(string text) => text.Length <= 6000 ? text : "..." + text[^6000..];
}
