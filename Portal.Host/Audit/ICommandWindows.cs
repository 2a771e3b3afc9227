using Portal.Core.Audit;

namespace Portal.Host.Audit;

/// <summary>
/// The portal commands being applied or just applied, as attribution needs them. The changes work's ActiveCommands
/// provides these; until it is wired, <see cref="None"/> says no portal command is running.
/// </summary>
public interface ICommandWindows
{
    public static readonly ICommandWindows None = new NoCommands();

    IReadOnlyList<CommandWindow> Windows(DateTimeOffset now);

    private sealed class NoCommands : ICommandWindows
    {
        public IReadOnlyList<CommandWindow> Windows(DateTimeOffset now) => [];
    }
}
