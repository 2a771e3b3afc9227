using System.Globalization;

namespace Portal.Core.Reachability;

/// <summary>Ports as iptables prints them: <c>80</c>, <c>8000:8080</c>, or a multiport list <c>80,443,9000:9002</c>.</summary>
internal sealed class PortSet
{
    private readonly (int Low, int High)[] ranges;

    private PortSet((int, int)[] ranges) => this.ranges = ranges;

    public static PortSet? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var list = new List<(int, int)>();
        foreach (var part in text.Split(','))
        {
            var colon = part.IndexOf(':');
            if (colon < 0)
            {
                if (!TryPort(part, out var port))
                {
                    return null;
                }

                list.Add((port, port));
            }
            else
            {
                var low = 0;
                var high = 65535;
                if ((colon > 0 && !TryPort(part[..colon], out low)) || (colon < part.Length - 1 && !TryPort(part[(colon + 1)..], out high)))
                {
                    return null;
                }

                list.Add((Math.Min(low, high), Math.Max(low, high)));
            }
        }

        // Merged, so that counting covered ports never counts one twice.
        list.Sort();
        var merged = new List<(int Low, int High)>();
        foreach (var (low, high) in list)
        {
            if (merged.Count > 0 && low <= merged[^1].High + 1)
            {
                merged[^1] = (merged[^1].Low, Math.Max(merged[^1].High, high));
            }
            else
            {
                merged.Add((low, high));
            }
        }

        return new PortSet([.. merged]);
    }

    public bool Contains(int port)
    {
        foreach (var (low, high) in ranges)
        {
            if (port >= low && port <= high)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a port known only to lie in [low, high] (an ephemeral source port) is in the set.</summary>
    public Tri ContainsAnyOf(int low, int high)
    {
        var covered = 0L;
        foreach (var (l, h) in ranges)
        {
            var from = Math.Max(l, low);
            var to = Math.Min(h, high);
            if (from <= to)
            {
                covered += to - from + 1;
            }
        }

        return covered == 0 ? Tri.No : covered >= high - low + 1 ? Tri.Yes : Tri.Unknown;
    }

    private static bool TryPort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port <= 65535;
}
