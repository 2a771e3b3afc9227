using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Portal.Host.Tests.Resilience;

/// <summary>Keeps every log line (level and formatted text) of the loggers it provides.</summary>
public sealed class RecordingLogger : ILogger, ILoggerProvider
{
    public ConcurrentQueue<(LogLevel Level, string Text)> Lines { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Lines.Enqueue((logLevel, formatter(state, exception)));

    public ILogger CreateLogger(string categoryName) => this;

    public void Dispose()
    {
    }
}
