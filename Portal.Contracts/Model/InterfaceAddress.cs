using System.Text.Json.Serialization;

namespace Portal.Contracts.Model;

/// <summary>
/// An IPv4 address on a host interface with its prefix length. <see cref="Portal"/> (written only when true) marks an
/// address the portal's agent added for an address mapping (kernel address protocol 0x50): the only ones it ever removes.
/// </summary>
public sealed record InterfaceAddress(
    string Address,
    int PrefixLength,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Portal = false);
