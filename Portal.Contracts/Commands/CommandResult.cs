namespace Portal.Contracts.Commands;

/// <summary>
/// What an agent answers to a command. <see cref="Status"/> follows HTTP: 200 done, 400 the agent's own validation
/// refused it, 404 a container or network is not there, 409 a conflict, 502 Docker or iptables refused
/// (<see cref="Error"/> carries their own message). Nothing is left half-applied when Status is not 200.
/// </summary>
public sealed record CommandResult(int Status, string? Error, IReadOnlyList<string> Steps)
{
    public bool Succeeded => Status == 200;

    public static CommandResult Done(IReadOnlyList<string> steps) => new(200, null, steps);

    public static CommandResult Refused(int status, string error, IReadOnlyList<string>? steps = null) => new(status, error, steps ?? []);
}
