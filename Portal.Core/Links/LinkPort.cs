using System.Globalization;

namespace Portal.Core.Links;

/// <summary>An exposed port of a link's child ("80/tcp"), ordered the way Docker orders them for link variables.</summary>
internal sealed record LinkPort(int Number, string Protocol)
{
    /// <summary>By number; at the same number tcp first (dockerd 20.10's sort; the first is the one behind ALIAS_PORT).</summary>
    public static readonly Comparison<LinkPort> DockerOrder = (x, y) =>
    {
        var byNumber = x.Number.CompareTo(y.Number);
        if (byNumber != 0)
        {
            return byNumber;
        }

        var xTcp = x.Protocol == "tcp";
        var yTcp = y.Protocol == "tcp";
        return xTcp == yTcp ? string.CompareOrdinal(x.Protocol, y.Protocol) : xTcp ? -1 : 1;
    };

    public static LinkPort? Parse(string exposed)
    {
        var slash = exposed.IndexOf('/', StringComparison.Ordinal);
        var number = slash < 0 ? exposed : exposed[..slash];
        var protocol = slash < 0 ? "tcp" : exposed[(slash + 1)..].ToLowerInvariant();
        return int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? new LinkPort(port, protocol) : null;
    }

    public string Url(string ip) => $"{Protocol}://{ip}:{Number.ToString(CultureInfo.InvariantCulture)}";
}
