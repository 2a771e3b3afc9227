using System.Text.Json;
using Portal.Contracts.Agent;
using Portal.Contracts.Commands;
using Portal.Contracts.Model;
using Portal.Contracts.Wire;

namespace Portal.Core.Tests.Wire;

/// <summary>
/// The natively compiled agent serialises its messages with <see cref="WireJsonContext"/> (no reflection); the server
/// and the browsers read them with the reflection-based <see cref="PortalJson.Options"/>. Both must write the same
/// bytes for every message, and the context must read what the server writes.
/// </summary>
public sealed class WireJsonContextTests
{
    [Fact]
    public void Snapshot_SameBytes() => AssertSameBytes(WireMessages.Snapshot);

    [Fact]
    public void BareSnapshot_SameBytes() => AssertSameBytes(WireMessages.BareSnapshot);

    [Fact]
    public void Delta_SameBytes() => AssertSameBytes(WireMessages.Delta);

    [Fact]
    public void BareDelta_SameBytes() => AssertSameBytes(WireMessages.BareDelta);

    [Fact]
    public void RuleChangeBatch_SameBytes() => AssertSameBytes(WireMessages.Batch);

    [Fact]
    public void FlowReport_SameBytes() => AssertSameBytes(WireMessages.Flows);

    [Fact]
    public void RuleCounterBatch_SameBytes()
    {
        var json = AssertSameBytes(WireMessages.Counters);
        AssertSameBytes(WireMessages.FullCounters);
        Assert.Contains("\"ipv6\":false", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Hello_SameBytes()
    {
        AssertSameBytes(WireMessages.Hello);
        AssertSameBytes(WireMessages.HelloWithoutHost);
        AssertSameBytes(WireMessages.Welcome);
    }

    [Fact]
    public void CommandResults_SameBytes()
    {
        AssertSameBytes(WireMessages.Done);
        AssertSameBytes(WireMessages.Refused);
    }

    [Theory]
    [MemberData(nameof(WireMessages.CommandIndexes), MemberType = typeof(WireMessages))]
    public void CommandEnvelope_SameBytes(int index)
    {
        var envelope = new AgentCommandEnvelope(WireMessages.Commands[index]);
        var json = AssertSameBytes(envelope);
        Assert.StartsWith("{\"command\":{\"kind\":\"", json, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(WireMessages.CommandIndexes), MemberType = typeof(WireMessages))]
    public void CommandEnvelope_KindAnywhere_ReadsAsTheSameCommand(int index)
    {
        // The server's hub may write the discriminator after the fields; the agent reads it wherever it stands.
        var command = WireMessages.Commands[index];
        var node = System.Text.Json.Nodes.JsonNode.Parse(JsonSerializer.Serialize(new AgentCommandEnvelope(command), PortalJson.Options))!;
        var inner = node["command"]!.AsObject();
        var kind = inner["kind"]!.GetValue<string>();
        inner.Remove("kind");
        inner["kind"] = kind;

        var read = JsonSerializer.Deserialize(node.ToJsonString(), WireJson.Info<AgentCommandEnvelope>())!;

        Assert.Equal(command.GetType(), read.Command.GetType());
        Assert.Equal(JsonSerializer.Serialize(command, PortalJson.Options), JsonSerializer.Serialize(read.Command, WireJson.Info<AgentCommand>()));
    }

    [Fact]
    public void UnknownCommandKind_IsRefused() =>
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize("{\"command\":{\"kind\":\"format-disk\"}}", WireJson.Info<AgentCommandEnvelope>()));

    [Fact]
    public void UnknownOwnerKind_IsRefused() =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("{\"table\":\"filter\",\"chain\":\"X\",\"index\":1,\"text\":\"t\",\"owner\":{\"kind\":\"kernel\"}}", WireJson.Info<Rule>()));

    [Fact]
    public void Payload_ResolvesOnlyTheContext()
    {
        // No reflection fallback: a type missing from the context is an error here, as it is in the native agent.
        Assert.Same(WireJsonContext.Default, WireJson.Payload.TypeInfoResolver);
        Assert.False(WireJson.Payload.TryGetTypeInfo(typeof(Portal.Contracts.Intents.IccIntent), out _));
        Assert.Throws<NotSupportedException>(() => WireJson.Info<Portal.Contracts.Intents.IccIntent>());
    }

    /// <summary>Every type crossing the agent's hub connection: the agent's calls and the server's calls to the agent.</summary>
    [Fact]
    public void Payload_ResolvesEveryHubType()
    {
        Type[] sent = [typeof(AgentHello), typeof(HostSnapshot), typeof(HostDelta), typeof(RuleChangeBatch), typeof(Portal.Contracts.Flows.FlowReport), typeof(CommandResult)];
        Type[] received = [typeof(AgentWelcome), typeof(AgentCommandEnvelope)];
        var agentClient = typeof(IAgentClient).GetMethods()
            .SelectMany(m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType))
            .Select(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Task<>) ? t.GetGenericArguments()[0] : t)
            .Where(t => t != typeof(Task) && t != typeof(CancellationToken));

        foreach (var type in sent.Concat(received).Concat(agentClient))
        {
            Assert.True(WireJson.Payload.TryGetTypeInfo(type, out _), $"{type.Name} is not in {nameof(WireJsonContext)}");
        }
    }

    /// <summary>Writes <paramref name="value"/> both ways, expects the same bytes, and reads them back through the context.</summary>
    private static string AssertSameBytes<T>(T value)
    {
        var reflection = JsonSerializer.Serialize(value, PortalJson.Options);
        var generated = JsonSerializer.Serialize(value, WireJson.Info<T>());
        Assert.Equal(reflection, generated);

        // The SignalR protocol serialises an argument by its runtime type through the payload options.
        Assert.Equal(reflection, JsonSerializer.Serialize(value, value!.GetType(), WireJson.Payload));

        var read = JsonSerializer.Deserialize(reflection, WireJson.Info<T>());
        Assert.Equal(reflection, JsonSerializer.Serialize(read, PortalJson.Options));
        Assert.Equal(
            JsonSerializer.Serialize(value, PortalJson.Indented),
            JsonSerializer.Serialize(value, WireJson.Info<T>(WireJson.Indented)));
        return reflection;
    }
}
