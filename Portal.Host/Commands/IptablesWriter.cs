using System.Diagnostics;
using Portal.Core.Iptables;
using Portal.Host.Iptables;

namespace Portal.Host.Commands;

/// <summary>
/// Reads and writes the rules of the backend Docker uses: <c>iptables-save -t filter</c> and one
/// <c>iptables-restore -w --noflush</c> per change with its input on stdin (atomic, no shell, no per-rule processes).
/// </summary>
public sealed class IptablesWriter(IptablesBackend backend)
{
    /// <summary>The restore program of the same alternative as the save program (iptables-nft-save -> iptables-nft-restore).</summary>
    public string RestoreProgram { get; } = IptablesBackend.RestoreOf(backend.SaveProgram);

    public async Task<Ruleset> ReadFilterAsync(CancellationToken cancellationToken)
    {
        try
        {
            return RulesetParser.Parse(await CommandRunner.RunAsync(backend.SaveProgram, ["-t", "filter"], cancellationToken));
        }
        catch (IOException e)
        {
            throw new CommandRefusal(502, $"reading the rules ({backend.SaveProgram}): {e.Message}", e);
        }
    }

    /// <summary>Every table, as iptables-save prints it (the public addresses write nat and filter together).</summary>
    public async Task<string> SaveAllAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await CommandRunner.RunAsync(backend.SaveProgram, [], cancellationToken);
        }
        catch (IOException e)
        {
            throw new CommandRefusal(502, $"reading the rules ({backend.SaveProgram}): {e.Message}", e);
        }
    }

    public async Task RestoreAsync(string input, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(RestoreProgram)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-w");
        start.ArgumentList.Add("--noflush");
        using var process = Process.Start(start) ?? throw new CommandRefusal(502, $"could not start {RestoreProgram}");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.StandardInput.WriteAsync(input.AsMemory(), cancellationToken);
            process.StandardInput.Close();
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        await output;
        if (process.ExitCode != 0)
        {
            throw new CommandRefusal(502, $"{RestoreProgram} -w --noflush exited with {process.ExitCode}: {(await error).Trim()}");
        }
    }
}
