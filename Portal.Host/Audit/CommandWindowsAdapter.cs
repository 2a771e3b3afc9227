using Portal.Core.Audit;

namespace Portal.Host.Audit;

/// <summary>Adapts any <c>Windows(now)</c> method (e.g. the changes work's ActiveCommands) to <see cref="ICommandWindows"/>.</summary>
public sealed class CommandWindowsAdapter(Func<DateTimeOffset, IReadOnlyList<CommandWindow>> windows) : ICommandWindows
{
    public IReadOnlyList<CommandWindow> Windows(DateTimeOffset now) => windows(now);
}
