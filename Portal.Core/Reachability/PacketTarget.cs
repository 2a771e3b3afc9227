namespace Portal.Core.Reachability;

/// <summary>Where a first packet goes: a container (by name) or an IPv4 address (a container's or the host's own).</summary>
public sealed record PacketTarget
{
    private PacketTarget(string? container, uint? address)
    {
        Container = container;
        Address = address;
    }

    public string? Container { get; }

    public uint? Address { get; }

    public static PacketTarget FromContainer(string name) => new(name, null);

    public static PacketTarget FromAddress(uint address) => new(null, address);

    /// <summary>An IPv4 address is an address; anything else a container name. Null for an empty value.</summary>
    public static PacketTarget? Parse(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null
        : Ipv4.TryParse(text, out var address) ? FromAddress(address)
        : FromContainer(text);

    public override string ToString() => Container ?? Ipv4.Format(Address!.Value);
}
