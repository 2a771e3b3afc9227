using System.CommandLine.Help;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Portal.Host.Agent;

namespace Portal.Host.Cli;

/// <summary>
/// Dispatches the command line: <c>--help</c> prints the command's help, a wrong command line exits 2 with the usage, a
/// refused identity 78, any other failure 1 with a message on stderr.
/// </summary>
public static class CommandLine
{
    public static async Task<int> RunAsync(string[] args)
    {
        var parsed = AgentCommandLine.Create().Parse(args);
        if (parsed.Action is HelpAction help)
        {
            return help.Invoke(parsed);
        }

        if (parsed.CommandResult.Command.Name == "analyze")
        {
            return await AnalyzeCommand.RunAsync(parsed, Console.Out, Console.Error, CancellationToken.None);
        }

        AgentOptions options;
        try
        {
            options = OptionParser.Bind(parsed, Environment.GetEnvironmentVariable);
        }
        catch (UsageException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            await Console.Error.WriteLineAsync(OptionParser.Usage);
            return 2;
        }

        if (options.Command == "execute")
        {
            using var cancel = new CancellationTokenSource();
            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; cancel.Cancel(); });
            return await ExecuteCommand.RunAsync(options, cancel.Token);
        }

        if (options.Command == "run")
        {
            return await AgentHost.RunAsync(options);
        }

        using var stop = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
        using var loggers = Logging.Create(options.Verbose ? LogLevel.Debug : LogLevel.Warning);
        var logger = loggers.CreateLogger("Portal.Host");
        try
        {
            return await SnapshotCommand.RunAsync(options, logger, stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return 0;
        }
        catch (Exception e)
        {
            logger.LogError("{Command} failed: {Error}", options.Command, e.Message);
            loggers.Dispose();
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return 1;
        }

        void Cancel(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
    }
}
