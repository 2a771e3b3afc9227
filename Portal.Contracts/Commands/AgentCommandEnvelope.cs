namespace Portal.Contracts.Commands;

/// <summary>
/// What travels on <c>Execute</c>: SignalR serializes an argument by its runtime type, which would drop the
/// polymorphic "kind" discriminator of <see cref="AgentCommand"/>; a property declared as the base type keeps it.
/// </summary>
public sealed record AgentCommandEnvelope(AgentCommand Command);
