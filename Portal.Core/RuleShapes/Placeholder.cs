using Portal.Contracts.PortalRules;
using Portal.Core.PortalRules;
using Portal.Core.Validation;

namespace Portal.Core.RuleShapes;

/// <summary>
/// The placeholders of the catalogue's templates (written <c>{name}</c> in a template), and what a value of each must
/// look like. Matching binds any text (ownership must see every rule Docker wrote, however odd); a caller that acts on
/// what a rule says (the agent deleting a stale link rule) checks the values with <see cref="IsValid"/> first.
/// </summary>
public static class Placeholder
{
    /// <summary>A bridge interface (<c>docker0</c>, <c>br-0123456789ab</c>).</summary>
    public const string Bridge = "bridge";

    /// <summary>A bridge network's subnet (<c>172.17.0.0/16</c>).</summary>
    public const string Subnet = "subnet";

    /// <summary>A container's address on the bridge, without a prefix.</summary>
    public const string ContainerIp = "containerIp";

    /// <summary>A legacy link's parent (the container that has the link), without a prefix.</summary>
    public const string ParentIp = "parentIp";

    /// <summary>A legacy link's child (the container linked to), without a prefix.</summary>
    public const string ChildIp = "childIp";

    /// <summary>tcp, udp or sctp.</summary>
    public const string Proto = "proto";

    /// <summary>A container port.</summary>
    public const string Port = "port";

    /// <summary>The host address a port is published on, without a prefix.</summary>
    public const string HostIp = "hostIp";

    /// <summary>The host port a container port is published on.</summary>
    public const string HostPort = "hostPort";

    /// <summary>The rest of a chain's name after a fixed prefix (<c>PORTAL-{chain}</c>).</summary>
    public const string Chain = "chain";

    /// <summary>Whether <paramref name="value"/> is a well-formed value of placeholder <paramref name="name"/>; a name the catalogue does not know is never valid.</summary>
    public static bool IsValid(string name, string value) => name switch
    {
        Bridge => PortalRuleSet.IsInterfaceName(value),
        Subnet => Ipv4Cidr.TryParse(value, out _),
        ContainerIp or ParentIp or ChildIp or HostIp => IsAddress(value),
        Proto => Ports.IsProtocol(value),
        Port or HostPort => IsPortNumber(value),
        Chain => value.Length is > 0 and <= 28 && value.AsSpan().IndexOfAny(" \t\r\n") < 0,
        _ => false,
    };

    // Digits and dots only: IPAddress.TryParse alone would take hex and shortened forms iptables never prints.
    private static bool IsAddress(string value) =>
        value.AsSpan().IndexOfAnyExcept("0123456789.") < 0 && Ipv4Cidr.TryParseAddress(value, out _);

    private static bool IsPortNumber(string value) =>
        value.Length is > 0 and <= 5
        && value.AsSpan().IndexOfAnyExcept("0123456789") < 0
        && Ports.IsPort(int.Parse(value, System.Globalization.CultureInfo.InvariantCulture));
}
