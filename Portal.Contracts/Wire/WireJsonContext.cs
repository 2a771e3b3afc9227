using System.Text.Json;
using System.Text.Json.Serialization;
using Portal.Contracts.Agent;
using Portal.Contracts.Commands;
using Portal.Contracts.Flows;
using Portal.Contracts.Model;

namespace Portal.Contracts.Wire;

/// <summary>
/// The agent's messages as source-generated JSON: the same conventions as <see cref="PortalJson.Options"/> (camelCase,
/// nulls omitted, closed sets as their wire strings, commands by their "kind"), written by code the compiler generates
/// instead of reflection, so that a trimmed, natively compiled agent serialises every property. Every type the agent
/// sends or receives over the hub, writes to its outbox or compares as JSON is listed here; the byte-for-byte equality
/// with the reflection-based options is a test.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowOutOfOrderMetadataProperties = true)]
[JsonSerializable(typeof(AgentHello))]
[JsonSerializable(typeof(AgentWelcome))]
[JsonSerializable(typeof(HostSnapshot))]
[JsonSerializable(typeof(HostDelta))]
[JsonSerializable(typeof(RuleChangeBatch))]
[JsonSerializable(typeof(FlowReport))]
[JsonSerializable(typeof(RuleCounterBatch))]
[JsonSerializable(typeof(AgentCommandEnvelope))]
[JsonSerializable(typeof(AgentCommand))]
[JsonSerializable(typeof(CommandResult))]
[JsonSerializable(typeof(Container))]
[JsonSerializable(typeof(IReadOnlyList<Bridge>))]
[JsonSerializable(typeof(IReadOnlyList<EnvVariable>))]
[JsonSerializable(typeof(IReadOnlyList<HostsEntry>))]
public sealed partial class WireJsonContext : JsonSerializerContext;
