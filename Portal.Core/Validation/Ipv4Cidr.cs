using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Portal.Core.Validation;

/// <summary>An IPv4 network in CIDR notation, e.g. 172.30.0.0/24.</summary>
public readonly record struct Ipv4Cidr(uint Network, int PrefixLength)
{
    public uint Mask => PrefixLength == 0 ? 0u : uint.MaxValue << (32 - PrefixLength);

    public static bool TryParse(string? text, out Ipv4Cidr cidr)
    {
        cidr = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var slash = text.IndexOf('/');
        if (slash < 0
            || !TryParseAddress(text[..slash], out var address)
            || !int.TryParse(text.AsSpan(slash + 1), System.Globalization.NumberStyles.None, null, out var prefix)
            || prefix is < 0 or > 32)
        {
            return false;
        }

        var mask = prefix == 0 ? 0u : uint.MaxValue << (32 - prefix);
        if ((address & ~mask) != 0)
        {
            // Docker refuses a subnet with host bits set; so do we, before it gets that far.
            return false;
        }

        cidr = new Ipv4Cidr(address, prefix);
        return true;
    }

    public static bool TryParseAddress(string? text, out uint address)
    {
        address = 0;
        if (string.IsNullOrEmpty(text)
            || text.Count(c => c == '.') != 3
            || !IPAddress.TryParse(text, out var ip)
            || ip.AddressFamily != AddressFamily.InterNetwork)
        {
            return false;
        }

        address = BinaryPrimitives.ReadUInt32BigEndian(ip.GetAddressBytes());
        return true;
    }

    public bool Contains(uint address) => (address & Mask) == Network;

    /// <summary>True when the address is inside and is neither the network nor the broadcast address.</summary>
    public bool ContainsHost(uint address) =>
        Contains(address) && (PrefixLength >= 31 || (address != Network && address != (Network | ~Mask)));

    public bool Overlaps(Ipv4Cidr other)
    {
        var mask = PrefixLength < other.PrefixLength ? Mask : other.Mask;
        return (Network & mask) == (other.Network & mask);
    }

    public override string ToString() => $"{FormatAddress(Network)}/{PrefixLength}";

    public static string FormatAddress(uint address) =>
        $"{address >> 24}.{(address >> 16) & 0xff}.{(address >> 8) & 0xff}.{address & 0xff}";
}
