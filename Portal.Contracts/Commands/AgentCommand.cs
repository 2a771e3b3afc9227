using System.Text.Json.Serialization;

namespace Portal.Contracts.Commands;

/// <summary>
/// A typed change the server asks an agent to make. The agent re-validates every field itself before it touches
/// anything and answers with a <see cref="CommandResult"/>. Never a shell string.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(RecreateContainerCommand), "recreate")]
[JsonDerivedType(typeof(CreateNetworkCommand), "create-network")]
[JsonDerivedType(typeof(RemoveNetworkCommand), "remove-network")]
[JsonDerivedType(typeof(ConnectCommand), "connect")]
[JsonDerivedType(typeof(DisconnectCommand), "disconnect")]
[JsonDerivedType(typeof(ApplyPortalRulesCommand), "portal-rules")]
[JsonDerivedType(typeof(RemoveStaleRulesCommand), "remove-stale-rules")]
public abstract record AgentCommand
{
    /// <summary>The intent this command serves (for audit attribution), 0 when none.</summary>
    public long Intent { get; init; }

    /// <summary>The user who asked for it (for audit attribution).</summary>
    public string? User { get; init; }
}
