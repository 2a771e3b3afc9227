using Portal.Contracts.Commands;

namespace Portal.Host.Commands;

/// <summary>A step was refused (by Docker, iptables or a check the agent makes while applying); carries the answer's status.</summary>
public sealed class CommandRefusal(int status, string message, Exception? inner = null) : Exception(message, inner)
{
    public int Status => status;

    public CommandResult ToResult(CommandSteps steps) => CommandResult.Refused(status, Message, steps.All);
}
