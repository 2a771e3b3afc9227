using System.Text.Json;
using Docker.DotNet;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Contracts.Commands;
using Portal.Contracts.Wire;
using Portal.Host.Commands;
using Portal.Host.Docker;
using Portal.Host.Iptables;

namespace Portal.Host.Cli;

/// <summary>
/// <c>Portal.Host execute --docker unix:///path [--host NAME]</c>: reads one <see cref="AgentCommandEnvelope"/> as JSON on
/// stdin, applies it exactly as run mode would, prints the <see cref="CommandResult"/> as JSON on stdout; exit code 0
/// when it was applied (200), else 1. For operators and for tests that drive the agent in a lab namespace.
/// </summary>
public static class ExecuteCommand
{
    public static async Task<int> RunAsync(AgentOptions options, CancellationToken cancellationToken)
    {
        using var loggers = Logging.Create(options.Verbose ? LogLevel.Debug : LogLevel.Warning);
        var result = await ExecuteAsync(options, loggers, cancellationToken);
        await using var stdout = Console.OpenStandardOutput();
        await JsonSerializer.SerializeAsync(stdout, result, WireJson.Info<CommandResult>(WireJson.Indented), cancellationToken);
        await stdout.WriteAsync("\n"u8.ToArray(), cancellationToken);
        return result.Succeeded ? 0 : 1;
    }

    private static async Task<CommandResult> ExecuteAsync(AgentOptions options, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger("Portal.Host.Execute");
        AgentCommandEnvelope? envelope;
        try
        {
            using var stdin = Console.OpenStandardInput();
            envelope = await JsonSerializer.DeserializeAsync(stdin, WireJson.Info<AgentCommandEnvelope>(), cancellationToken);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            return CommandResult.Refused(400, $"command: not an AgentCommandEnvelope ({e.Message})");
        }

        if (envelope?.Command is null)
        {
            return CommandResult.Refused(400, "command: missing");
        }

        using var docker = DockerClientFactory.Create(options.Docker);
        var backend = await IptablesBackend.DetectAsync(docker, cancellationToken);
        await using var services = new ServiceCollection()
            .AddSingleton(loggers)
            .AddSingleton<IDockerClient>(docker)
            .AddSingleton(backend)
            .AddAgentCommands()
            .BuildServiceProvider();
        try
        {
            return await services.GetRequiredService<CommandDispatcher>().ExecuteAsync(envelope.Command, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Executing {Command} failed", envelope.Command.GetType().Name);
            return CommandResult.Refused(500, $"the agent failed: {e.Message}");
        }
    }
}
