using System.Diagnostics;
using System.Text.Json;
using Portal.Contracts.Commands;
using Portal.Contracts.Model;
using Portal.Lab;
using Portal.Lab.Stack;

namespace Portal.Host.Tests.Commands;

/// <summary>
/// Runs `Portal.Host execute` (the agent's own build, beside the tests' configuration) inside a lab host's namespace,
/// as an operator would: the command envelope on stdin, the result JSON on stdout, exit code 0 only for 200.
/// </summary>
public static class AgentExecute
{
    public static async Task<CommandResult> RunAsync(LabHost host, AgentCommand command, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("nsenter")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[$"--net={host.Namespace}", .. PortalBinaries.Agent, "execute", "--docker", host.DockerEndpoint, "--host", host.Name])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.StandardInput.WriteAsync(JsonSerializer.Serialize(new AgentCommandEnvelope(command), PortalJson.Options).AsMemory(), cancellationToken);
        process.StandardInput.Close();
        await process.WaitForExitAsync(cancellationToken);
        var text = await output;
        var result = JsonSerializer.Deserialize<CommandResult>(text, PortalJson.Options)
            ?? throw new InvalidOperationException($"no result; stderr: {await error}");
        Assert.True((process.ExitCode == 0) == result.Succeeded, $"exit code {process.ExitCode} for status {result.Status}; stderr: {await error}");
        TestContext.Current.TestOutputHelper?.WriteLine($"{command.GetType().Name} -> {result.Status} {result.Error}\n  {string.Join("\n  ", result.Steps)}");
        return result;
    }
}
