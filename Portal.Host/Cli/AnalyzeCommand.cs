using System.CommandLine;
using System.Text.Json;
using Portal.Contracts.Model;
using Portal.Core.Analysis;

namespace Portal.Host.Cli;

/// <summary>
/// <c>Portal.Host analyze --rules iptables-save.txt [--rules6 ip6tables-save.txt] --containers inspect.json --networks
/// networks.json</c>: the offline analysis of Portal.Core (<see cref="CaptureAnalyzer"/>) on files captured on a Docker
/// host; needs no root, no Docker and no server. Prints <c>{"rules":[...], "findings":[...]}</c> and exits 0; a file
/// that is missing or that it cannot read exits 2 with the reason (file, line or field) on stderr, as a wrong command
/// line does; a failure of the analysis itself exits 1.
/// </summary>
public static class AnalyzeCommand
{
    public const int BadInput = 2;

    public static async Task<int> RunAsync(ParseResult parsed, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        if (parsed.Errors.Count > 0)
        {
            await stderr.WriteLineAsync($"error: {string.Join("; ", parsed.Errors.Select(e => e.Message))}");
            await stderr.WriteLineAsync(OptionParser.Usage);
            return BadInput;
        }

        AnalysisReport report;
        try
        {
            var rules6 = parsed.GetValue(AgentCommandLine.Rules6);
            var capture = new Capture(
                await ReadAsync("--rules", parsed.GetValue(AgentCommandLine.Rules)!, cancellationToken),
                rules6 is null ? null : await ReadAsync("--rules6", rules6, cancellationToken),
                await ReadAsync("--containers", parsed.GetValue(AgentCommandLine.Containers)!, cancellationToken),
                await ReadAsync("--networks", parsed.GetValue(AgentCommandLine.Networks)!, cancellationToken));
            report = CaptureAnalyzer.Analyze(capture).ToReport();
        }
        catch (Exception e) when (e is CaptureException or UsageException)
        {
            await stderr.WriteLineAsync($"error: {e.Message}");
            return BadInput;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The analysis's own fault, not the files': said as any other failure of the agent's commands is.
            await stderr.WriteLineAsync($"error: the analysis failed: {e.Message}");
            return 1;
        }

        await stdout.WriteLineAsync(JsonSerializer.Serialize(report, AnalysisJsonContext.Default.AnalysisReport));
        await stdout.FlushAsync(cancellationToken);
        return 0;
    }

    private static async Task<CaptureText> ReadAsync(string option, FileInfo file, CancellationToken cancellationToken)
    {
        try
        {
            return new CaptureText(file.ToString(), await File.ReadAllTextAsync(file.FullName, cancellationToken));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read {option} {file}: {e.Message}");
        }
    }
}
