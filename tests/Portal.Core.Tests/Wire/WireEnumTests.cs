using System.Text.Json;
using Portal.Contracts.Intents;
using Portal.Contracts.Model;
using Portal.Contracts.Wire;

namespace Portal.Core.Tests.Wire;

/// <summary>
/// The closed sets are enums in code and their old strings on the wire: each member writes exactly the string the
/// contract names and reads back to itself; a string outside the set (or a number) is refused.
/// </summary>
public sealed class WireEnumTests
{
    [Theory]
    [InlineData(IntentStatus.Pending, "pending")]
    [InlineData(IntentStatus.Applied, "applied")]
    [InlineData(IntentStatus.Drifted, "drifted")]
    [InlineData(IntentStatus.Failed, "failed")]
    [InlineData(IntentStatus.Removed, "removed")]
    public void IntentStatus_RoundTripsAsItsString(IntentStatus status, string wire) => AssertRoundTrip(status, wire);

    [Fact]
    public void IntentStatus_EveryMemberIsCovered() =>
        Assert.Equal(["pending", "applied", "drifted", "failed", "removed"], WireName.All<IntentStatus>());

    [Theory]
    [InlineData(RuleOwnerKind.Unknown, "unknown")]
    [InlineData(RuleOwnerKind.Port, "port")]
    [InlineData(RuleOwnerKind.Masquerade, "masquerade")]
    [InlineData(RuleOwnerKind.Forward, "forward")]
    [InlineData(RuleOwnerKind.Isolation, "isolation")]
    [InlineData(RuleOwnerKind.Icc, "icc")]
    [InlineData(RuleOwnerKind.Link, "link")]
    [InlineData(RuleOwnerKind.Docker, "docker")]
    [InlineData(RuleOwnerKind.DockerUser, "docker-user")]
    [InlineData(RuleOwnerKind.Portal, "portal")]
    public void RuleOwnerKind_RoundTripsAsItsString(RuleOwnerKind kind, string wire) => AssertRoundTrip(kind, wire);

    [Fact]
    public void RuleOwnerKind_EveryMemberIsCovered() => Assert.Equal(10, WireName.All<RuleOwnerKind>().Count);

    [Theory]
    [InlineData(ChangeKind.Added, "added")]
    [InlineData(ChangeKind.Removed, "removed")]
    public void ChangeKind_RoundTripsAsItsString(ChangeKind kind, string wire) => AssertRoundTrip(kind, wire);

    [Fact]
    public void RuleChange_IsTheSameJsonAsBefore()
    {
        var change = new RuleChange(DateTimeOffset.UnixEpoch, "nat", "DOCKER", ChangeKind.Removed, "-A DOCKER -j RETURN", RuleOwner.Unknown, ChangeCause.External, 3);

        var json = JsonSerializer.Serialize(change, PortalJson.Options);

        Assert.Contains("\"change\":\"removed\"", json, StringComparison.Ordinal);
        Assert.Equal(change.Change, JsonSerializer.Deserialize<RuleChange>(json, PortalJson.Options)!.Change);
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<RuleChange>(json.Replace("\"removed\"", "\"deleted\"", StringComparison.Ordinal), PortalJson.Options));
    }

    [Theory]
    [InlineData(CauseKind.Portal, "portal")]
    [InlineData(CauseKind.Docker, "docker")]
    [InlineData(CauseKind.External, "external")]
    public void CauseKind_RoundTripsAsItsString(CauseKind kind, string wire) => AssertRoundTrip(kind, wire);

    [Fact]
    public void ChangeCause_IsTheSameJsonAsBefore()
    {
        Assert.Equal("{\"kind\":\"external\"}", JsonSerializer.Serialize(ChangeCause.External, PortalJson.Options));
        Assert.Equal(new ChangeCause(CauseKind.Portal, "alice", 12), JsonSerializer.Deserialize<ChangeCause>("{\"kind\":\"portal\",\"user\":\"alice\",\"intent\":12}", PortalJson.Options));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ChangeCause>("{\"kind\":\"kernel\"}", PortalJson.Options));
    }

    [Fact]
    public void RuleOwner_IsTheSameJsonAsBefore()
    {
        var owner = new RuleOwner(RuleOwnerKind.DockerUser, Network: "bridge");

        Assert.Equal("{\"kind\":\"docker-user\",\"network\":\"bridge\"}", JsonSerializer.Serialize(owner, PortalJson.Options));
        Assert.Equal(owner, JsonSerializer.Deserialize<RuleOwner>("{\"kind\":\"docker-user\",\"network\":\"bridge\"}", PortalJson.Options));
    }

    /// <summary>
    /// A kind the server does not know fails to read rather than becoming "unknown": a new kind means a new agent
    /// protocol version, which the handshake refuses first, and a silent "unknown" would hide the mismatch.
    /// </summary>
    [Fact]
    public void RuleOwnerKind_OutsideTheSet_IsRefused() =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<RuleOwner>("{\"kind\":\"overlay\"}", PortalJson.Options));

    [Theory]
    [InlineData("\"Pending!\"")]
    [InlineData("\"unknown\"")]
    [InlineData("\"\"")]
    [InlineData("0")]
    public void IntentStatus_OutsideTheSet_IsRefused(string json)
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<IntentStatus>(json, PortalJson.Options));
        Assert.Contains("IntentStatus", error.Message);
    }

    [Fact]
    public void IntentStatus_InsideARecord_IsTheSameJsonAsBefore()
    {
        var view = new IntentView(7, "docker1", "link", IntentStatus.Drifted, "link client -> web as web", "gone", "admin", At, At);

        var json = JsonSerializer.Serialize(view, PortalJson.Options);

        Assert.Contains("\"status\":\"drifted\"", json);
        Assert.Equal(view, JsonSerializer.Deserialize<IntentView>(json, PortalJson.Options));
    }

    [Fact]
    public void Parse_IgnoresCase_AndRefusesTheUnknown()
    {
        Assert.Equal(IntentStatus.Failed, WireName.Parse<IntentStatus>("FAILED"));
        Assert.False(WireName.TryParse<IntentStatus>("broken", out _));
        Assert.Contains("pending, applied", Assert.Throws<FormatException>(() => WireName.Parse<IntentStatus>("broken")).Message);
    }

    private static readonly DateTimeOffset At = new(2026, 11, 29, 18, 0, 0, TimeSpan.Zero);

    private static void AssertRoundTrip<TEnum>(TEnum value, string wire)
        where TEnum : struct, Enum
    {
        foreach (var options in new[] { PortalJson.Options, PortalJson.Indented, JsonSerializerOptions.Default })
        {
            var json = JsonSerializer.Serialize(value, options);
            Assert.Equal($"\"{wire}\"", json);
            Assert.Equal(value, JsonSerializer.Deserialize<TEnum>(json, options));
        }

        Assert.Equal(wire, WireName.Of(value));
        Assert.Equal(value, WireName.Parse<TEnum>(wire));
    }
}
