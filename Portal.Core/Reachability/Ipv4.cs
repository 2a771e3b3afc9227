using System.Globalization;

namespace Portal.Core.Reachability;

/// <summary>IPv4 addresses as 32-bit numbers, the way netfilter compares them.</summary>
public static class Ipv4
{
    public static bool TryParse(string? text, out uint address)
    {
        address = 0;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var parts = text.Split('.');
        if (parts.Length != 4)
        {
            return false;
        }

        foreach (var part in parts)
        {
            if (part.Length is 0 or > 3 || !part.All(char.IsAsciiDigit)
                || !int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var octet) || octet > 255)
            {
                return false;
            }

            address = (address << 8) | (uint)octet;
        }

        return true;
    }

    public static string Format(uint address) =>
        string.Create(CultureInfo.InvariantCulture, $"{address >> 24}.{(address >> 16) & 255}.{(address >> 8) & 255}.{address & 255}");
}

/// <summary>An IPv4 network (<c>172.17.0.0/16</c>, a single address as /32, or a dotted mask as iptables prints odd ones).</summary>
public readonly record struct Ipv4Network(uint Address, uint Mask)
{
    public bool Contains(uint address) => (address & Mask) == Address;

    public bool IsSingleAddress => Mask == uint.MaxValue;

    public static bool TryParse(string? text, out Ipv4Network network)
    {
        network = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var slash = text.IndexOf('/');
        var addressText = slash < 0 ? text : text[..slash];
        if (!Ipv4.TryParse(addressText, out var address))
        {
            return false;
        }

        uint mask = uint.MaxValue;
        if (slash >= 0)
        {
            var maskText = text[(slash + 1)..];
            if (maskText.Contains('.'))
            {
                if (!Ipv4.TryParse(maskText, out mask))
                {
                    return false;
                }
            }
            else if (int.TryParse(maskText, NumberStyles.None, CultureInfo.InvariantCulture, out var length) && length <= 32)
            {
                mask = length == 0 ? 0 : uint.MaxValue << (32 - length);
            }
            else
            {
                return false;
            }
        }

        network = new Ipv4Network(address & mask, mask);
        return true;
    }
}
