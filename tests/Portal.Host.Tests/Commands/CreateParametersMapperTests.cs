#nullable disable warnings
using System.Text.Json;
using System.Text.Json.Nodes;
using Docker.DotNet.Models;
using Portal.Contracts.Commands;
using Portal.Host.Commands;

namespace Portal.Host.Tests.Commands;

/// <summary>
/// The create body built from a real `docker inspect` (captured on docker1 from a container made with nearly every
/// option: hostname, domain, user, workdir, tty, stdin, stop signal and timeout, healthcheck, env, labels, exposed
/// and published ports, anonymous and named volumes, a bind, a tmpfs mount, restart policy, capabilities, dns, extra
/// hosts, a fixed address and alias on its network and a second network connected later) gives every field back.
/// </summary>
public sealed class CreateParametersMapperTests
{
    private static readonly string CapturePath = Path.Combine(Portal.Lab.Lab.RepositoryRoot, "tests", "Portal.Host.Tests", "Commands", "inspect-capture.json");

    private static (JsonNode Raw, ContainerBlueprint Blueprint, JsonNode Sent) Map()
    {
        var json = File.ReadAllText(CapturePath);
        var inspect = DockerWireJson.Deserialize<ContainerInspectResponse>(json);
        var blueprint = CreateParametersMapper.FromInspect(inspect, "busybox");
        return (JsonNode.Parse(json)!, blueprint, JsonNode.Parse(DockerWireJson.Serialize(blueprint.Create))!);
    }

    [Fact]
    public void FromInspect_EveryConfigField_SentAsInspected()
    {
        var (raw, _, sent) = Map();
        var config = raw["Config"]!.AsObject();
        foreach (var (name, value) in config)
        {
            if (value is null || name is "Image")
            {
                continue;
            }

            Assert.True(JsonNode.DeepEquals(value, sent[name]), $"Config.{name}: inspected {value.ToJsonString()}, sent {sent[name]?.ToJsonString() ?? "nothing"}");
        }

        Assert.Equal("busybox", sent["Image"]!.GetValue<string>());
        Assert.Equal("chg-capture", sent["Name"]?.GetValue<string>() ?? Map().Blueprint.Name);
    }

    [Fact]
    public void FromInspect_EveryHostConfigField_SentAsInspected()
    {
        var (raw, _, sent) = Map();
        var inspected = raw["HostConfig"]!.AsObject();
        var host = sent["HostConfig"]!.AsObject();
        var differences = new List<string>();
        foreach (var (name, value) in inspected)
        {
            // A field the client model lacks is not sent; that is harmless only while its value is the daemon's default.
            if (name is "Mounts" || IsDefault(value) && (host[name] is null || IsDefault(host[name])))
            {
                continue;
            }

            if (!JsonNode.DeepEquals(value, host[name]))
            {
                differences.Add($"HostConfig.{name}: inspected {value!.ToJsonString()}, sent {host[name]?.ToJsonString() ?? "nothing"}");
            }
        }

        Assert.Empty(differences);

        // The tmpfs mount as given, plus the anonymous /data volume mounted by its name so its data survives.
        var mounts = host["Mounts"]!.AsArray();
        Assert.Contains(mounts, m => m!["Type"]!.GetValue<string>() == "tmpfs" && m["Target"]!.GetValue<string>() == "/scratch");
        var anonymous = raw["Mounts"]!.AsArray().Single(m => m!["Destination"]!.GetValue<string>() == "/data")!["Name"]!.GetValue<string>();
        Assert.Contains(mounts, m => m!["Type"]!.GetValue<string>() == "volume" && m["Source"]!.GetValue<string>() == anonymous && m["Target"]!.GetValue<string>() == "/data");
    }

    private static bool IsDefault(JsonNode? value) => value switch
    {
        null => true,
        JsonArray array => array.Count == 0,
        JsonObject obj => obj.Count == 0,
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.GetValue<decimal>() == 0,
        JsonValue v when v.GetValueKind() == JsonValueKind.False => true,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>().Length == 0,
        _ => false,
    };

    [Fact]
    public void FromInspect_Networks_PrimaryAtCreateOthersAfterWithAliasesAndAddresses()
    {
        var (raw, blueprint, _) = Map();
        var id = raw["Id"]!.GetValue<string>();
        Assert.True(blueprint.WasRunning);
        var primary = Assert.Single(blueprint.Create.NetworkingConfig.EndpointsConfig);
        Assert.Equal("chg-capnet", primary.Key);
        Assert.Equal(["capalias"], primary.Value.Aliases);
        Assert.Equal("172.31.77.10", primary.Value.IPAMConfig.IPv4Address);
        var extra = Assert.Single(blueprint.ExtraNetworks);
        Assert.Equal("chg-capnet2", extra.Network);
        Assert.Equal(["second"], extra.Endpoint.Aliases);
        Assert.Equal("172.31.78.20", extra.Endpoint.IPAMConfig.IPv4Address);
        Assert.DoesNotContain(id[..12], primary.Value.Aliases.Concat(extra.Endpoint.Aliases));
    }

    [Fact]
    public void FromInspect_GeneratedHostname_LeftToDocker()
    {
        var json = File.ReadAllText(CapturePath);
        var inspect = DockerWireJson.Deserialize<ContainerInspectResponse>(json);
        inspect.Config.Hostname = inspect.ID[..12];
        var blueprint = CreateParametersMapper.FromInspect(inspect, "busybox");
        Assert.Null(blueprint.Create.Hostname);
    }

    [Fact]
    public void Apply_AddPortAndLink_BindingExposedPortAndCreateFormLink()
    {
        var (_, blueprint, _) = Map();
        blueprint.Create.HostConfig.Links = ["db:database"];
        var described = RecreateChanges.Apply(blueprint, new RecreateContainerCommand(
            "chg-capture", [new LinkSpec("web", "web")], [], [new PortSpec(443, "tcp", 8443, "10.20.30.100")], []));
        Assert.Equal(["db:database", "web:web"], blueprint.Create.HostConfig.Links);
        Assert.Equal("10.20.30.100", Assert.Single(blueprint.Create.HostConfig.PortBindings["443/tcp"]).HostIP);
        Assert.Equal("8443", blueprint.Create.HostConfig.PortBindings["443/tcp"][0].HostPort);
        Assert.True(blueprint.Create.ExposedPorts.ContainsKey("443/tcp"));
        Assert.Equal("with link web:web, with port 10.20.30.100:8443->443/tcp", described);
    }

    [Fact]
    public void Apply_RemovePortAndLink_Gone()
    {
        var (_, blueprint, _) = Map();
        blueprint.Create.HostConfig.Links = ["db:database", "web:web"];
        RecreateChanges.Apply(blueprint, new RecreateContainerCommand("chg-capture", [], ["database"], [], [new PortSpec(80, "tcp", 8081, null)]));
        Assert.Equal(["web:web"], blueprint.Create.HostConfig.Links);
        Assert.False(blueprint.Create.HostConfig.PortBindings.ContainsKey("80/tcp"));
        Assert.True(blueprint.Create.HostConfig.PortBindings.ContainsKey("81/udp"));
    }

    [Theory]
    [InlineData("missing-alias", 404)]
    [InlineData("missing-port", 404)]
    [InlineData("taken-alias", 409)]
    [InlineData("taken-host-port", 409)]
    public void Apply_ImpossibleChange_RefusedWithStatus(string scenario, int status)
    {
        var (_, blueprint, _) = Map();
        blueprint.Create.HostConfig.Links = ["web:web"];
        var command = scenario switch
        {
            "missing-alias" => new RecreateContainerCommand("chg-capture", [], ["nope"], [], []),
            "missing-port" => new RecreateContainerCommand("chg-capture", [], [], [], [new PortSpec(80, "tcp", 9999, null)]),
            "taken-alias" => new RecreateContainerCommand("chg-capture", [new LinkSpec("other", "web")], [], [], []),
            _ => new RecreateContainerCommand("chg-capture", [], [], [new PortSpec(90, "tcp", 8081, null)], []),
        };
        var refusal = Assert.Throws<CommandRefusal>(() => RecreateChanges.Apply(blueprint, command));
        Assert.Equal(status, refusal.Status);
    }

    [Theory]
    [InlineData("/web:/client/web", "web:web")]
    [InlineData("/db-1:/app/database", "db-1:database")]
    [InlineData("web:alias", "web:alias")]
    [InlineData("web", "web:web")]
    public void ToCreateForm_InspectedLink_NameAndAlias(string inspected, string expected) =>
        Assert.Equal(expected, LinkConversion.ToCreateForm(inspected));

    [Fact]
    public void Given_DockerAddedAliases_Dropped() =>
        Assert.Equal(["capalias"], EndpointAliases.Given(["capalias", "8c501805c9b5", "caphost"], "8c501805c9b50db67f870377a91eb6b98fa6713a585a56adc735c3880f586d0c", "caphost", "/chg-capture"));
}
