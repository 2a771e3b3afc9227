using Portal.Contracts.Model;

namespace Portal.Host.Docker;

/// <summary>A container's model plus what only the agent needs: its PID 1 on the host (0 when not running).</summary>
public sealed record ObservedContainer(Container Container, long Pid);
