using System.Diagnostics;

namespace Portal.Lab;

/// <summary>Runs external programs with an argument list (never a shell string).</summary>
public static class LabCommand
{
    /// <summary>Runs the program to its end and answers whatever it said, failure included.</summary>
    public static Task<LabCommandResult> RunAsync(string program, IEnumerable<string> arguments, CancellationToken cancellationToken) =>
        RunWithInputAsync(program, arguments, null, cancellationToken);

    /// <summary>Like <see cref="RunAsync"/>, writing <paramref name="input"/> to the program's standard input first.</summary>
    public static async Task<LabCommandResult> RunWithInputAsync(string program, IEnumerable<string> arguments, string? input, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"could not start {program}");
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input.AsMemory(), cancellationToken);
        }

        process.StandardInput.Close();
        // Both streams are drained at once: a program that fills one pipe while we wait on the other would hang.
        var standardOutput = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var standardError = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new LabCommandResult(program, [.. startInfo.ArgumentList], process.ExitCode, await standardOutput, await standardError);
    }

    /// <summary>Runs the program and answers its standard output; throws <see cref="LabCommandException"/> when it fails.</summary>
    public static async Task<string> CheckedAsync(string program, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var result = await RunAsync(program, arguments, cancellationToken);
        return result.Succeeded ? result.StandardOutput : throw new LabCommandException(result);
    }
}
