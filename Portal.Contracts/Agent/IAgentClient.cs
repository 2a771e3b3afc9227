using Portal.Contracts.Commands;

namespace Portal.Contracts.Agent;

/// <summary>
/// What the server calls on an agent over <c>/hubs/agent</c> (the typed client of the server's agent hub). Method
/// names are the wire names of <see cref="AgentHubMethods"/>.
/// </summary>
public interface IAgentClient
{
    /// <summary><see cref="AgentHubMethods.RequestSnapshot"/>: send a full snapshot (the server saw a gap or lost its state).</summary>
    Task RequestSnapshot();

    /// <summary>
    /// <see cref="AgentHubMethods.Execute"/>: run one command and answer its result (a SignalR client result); the token
    /// ends the wait on the server's side, it is not sent.
    /// </summary>
    Task<CommandResult> Execute(AgentCommandEnvelope envelope, CancellationToken cancellationToken);
}
