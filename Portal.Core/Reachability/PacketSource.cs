namespace Portal.Core.Reachability;

/// <summary>
/// Where a first packet starts: a container (by name), the host itself, or an outside address arriving on the host's
/// physical interface. Written as a container name, <c>host</c>, or <c>external:ADDRESS</c>.
/// </summary>
public sealed record PacketSource
{
    public const string HostWord = "host";
    public const string ExternalPrefix = "external:";

    private PacketSource(string? container, uint? external, bool host)
    {
        Container = container;
        External = external;
        IsHost = host;
    }

    public string? Container { get; }

    public uint? External { get; }

    public bool IsHost { get; }

    public static PacketSource FromContainer(string name) => new(name, null, false);

    public static PacketSource Host { get; } = new(null, null, true);

    public static PacketSource FromExternal(uint address) => new(null, address, false);

    /// <summary>Reads the query form; null (with the reason) for an external address that is not IPv4, or an empty value.</summary>
    public static PacketSource? Parse(string? text, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "give a container name, 'host' or 'external:ADDRESS'";
            return null;
        }

        if (text == HostWord)
        {
            return Host;
        }

        if (text.StartsWith(ExternalPrefix, StringComparison.Ordinal))
        {
            if (Ipv4.TryParse(text[ExternalPrefix.Length..], out var address))
            {
                return FromExternal(address);
            }

            error = $"'{text[ExternalPrefix.Length..]}' is not an IPv4 address";
            return null;
        }

        return FromContainer(text);
    }

    public override string ToString() =>
        IsHost ? HostWord : External is { } address ? ExternalPrefix + Ipv4.Format(address) : Container!;
}
