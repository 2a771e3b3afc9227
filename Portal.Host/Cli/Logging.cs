using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Portal.Host.Cli;

/// <summary>Logs go to stderr, so that <c>snapshot</c>'s stdout stays pure JSON.</summary>
public static class Logging
{
    public static ILoggerFactory Create(LogLevel minimum) => LoggerFactory.Create(builder => Configure(builder.SetMinimumLevel(minimum)));

    /// <summary>One line per entry with a timestamp, on stderr.</summary>
    public static ILoggingBuilder Configure(ILoggingBuilder builder) => builder
        .AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
        })
        .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
}
