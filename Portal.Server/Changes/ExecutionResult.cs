using Portal.Contracts.Commands;

namespace Portal.Server.Changes;

/// <summary>How running a plan's commands ended: all done, or the first refusal (after the earlier steps were undone).</summary>
public sealed record ExecutionResult(bool Succeeded, int Status, string? Error, bool Offline)
{
    public static readonly ExecutionResult Done = new(true, 200, null, false);

    public static ExecutionResult Refused(CommandResult result) =>
        new(false, result.Status is 400 or 404 or 409 or 502 ? result.Status : 502, result.Error ?? $"the agent answered {result.Status}", false);

    public static ExecutionResult AgentOffline(string message) => new(false, 503, message, true);
}
