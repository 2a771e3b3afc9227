using Portal.Contracts.Model;

namespace Portal.Client.Formatting;

/// <summary>
/// Lays out a host's flow map as plain geometry, so the Razor side only draws and this stays testable: the outside node
/// (every <c>external:</c> end folded into it) on the left, the host node on the right, and between them one box per
/// network holding its containers. Edges between the same two nodes in one direction are summed into one line.
/// </summary>
public static class FlowLayout
{
    public const double Margin = 16;
    public const double EndWidth = 120;
    public const double EndHeight = 44;
    public const double Gap = 70;
    public const double GroupWidth = 190;
    public const double GroupGap = 50;
    public const double GroupHeader = 30;
    public const double Row = 34;
    public const double NodeHeight = 26;
    public const double Padding = 10;

    /// <summary>The free band above and below the network boxes, where lines that pass over other boxes run.</summary>
    public const double Lane = 36;
    public const double MinLineWidth = 1.5;
    public const double MaxLineWidth = 7;

    /// <summary>Below this many connections a line's width says "few" even when it is the busiest one on the map.</summary>
    public const long WidthScaleFloor = 50;

    public const string OutsideId = "outside";
    public const string HostId = "host";

    /// <summary>
    /// The map of <paramref name="entries"/> (already filtered) over the host's <paramref name="containers"/>: the boxes of
    /// every network a container is attached to, or of <paramref name="network"/> alone when the map is filtered to it.
    /// </summary>
    public static FlowMap Build(IReadOnlyList<FlowEntry> entries, IReadOnlyList<Container> containers, string? network = null)
    {
        var members = Members(containers, network);
        var stray = entries
            .SelectMany(e => new[] { e.Edge.From, e.Edge.To })
            .Where(FlowEnds.IsContainer)
            .Where(end => !members.Any(m => m.Value.Contains(end)))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

        var groups = new List<FlowGroup>();
        var x = Margin + EndWidth + Gap;
        foreach (var (name, names) in members)
        {
            groups.Add(LayOutGroup(name, name, names, x));
            x += GroupWidth + GroupGap;
        }

        if (stray.Count > 0)
        {
            groups.Add(LayOutGroup(null, "not on a shown network", stray, x));
            x += GroupWidth + GroupGap;
        }

        var groupsRight = groups.Count == 0 ? x : x - GroupGap;
        var contentHeight = Math.Max(EndHeight, groups.Count == 0 ? 0 : groups.Max(g => g.Box.Height));
        var middle = Margin + Lane + contentHeight / 2;
        var addresses = entries
            .SelectMany(e => new[] { e.Edge.From, e.Edge.To })
            .Select(FlowEnds.Address)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        var outside = new FlowNode(OutsideId, "outside", FlowNodeKind.Outside, new FlowBox(Margin, middle - EndHeight / 2, EndWidth, EndHeight), null, addresses);
        var host = new FlowNode(HostId, "host", FlowNodeKind.Host, new FlowBox(groupsRight + Gap, middle - EndHeight / 2, EndWidth, EndHeight), null, []);
        var width = host.Box.Right + Margin;
        var height = contentHeight + 2 * (Margin + Lane);
        var lanes = (Top: Margin + Lane / 2, Bottom: Margin + Lane + contentHeight + Lane / 2);

        var lines = Lines(entries, outside, host, groups, lanes);
        return new FlowMap(width, height, outside, host, groups, lines);
    }

    /// <summary>
    /// A line's width: <see cref="MinLineWidth"/> for one connection, <see cref="MaxLineWidth"/> for the busiest line once it
    /// carries <see cref="WidthScaleFloor"/> connections or more, logarithmic between (two connections stay thin).
    /// </summary>
    public static double LineWidth(long count, long busiest)
    {
        if (count <= 1)
        {
            return MinLineWidth;
        }

        var share = Math.Log(count) / Math.Log(Math.Max(busiest, WidthScaleFloor));
        return MinLineWidth + (MaxLineWidth - MinLineWidth) * Math.Clamp(share, 0, 1);
    }

    /// <summary>
    /// The curve between two nodes. Inside one box the line loops out on the side (right going down, left going up) so it
    /// does not cross the nodes between. Between columns it leaves the side facing its target and enters the target's
    /// facing side, bending up when it goes right and down when it goes left, so A to B and B to A stay apart; a line
    /// that would pass over another box runs in the lane above (going right) or below (going left) the boxes.
    /// </summary>
    public static FlowCurve Route(FlowBox from, FlowBox to, bool sameGroup, double topLane, double bottomLane, bool overOthers)
    {
        if (sameGroup)
        {
            var down = to.CenterY >= from.CenterY;
            var side = down ? from.Right : from.X;
            var bulge = (down ? 1 : -1) * (28 + 0.3 * Math.Abs(to.CenterY - from.CenterY));
            var (c1, c2) = (new FlowPoint(side + bulge, from.CenterY), new FlowPoint(side + bulge, to.CenterY));
            return new FlowCurve(new FlowPoint(side, from.CenterY), c1, c2, new FlowPoint(side, to.CenterY));
        }

        var rightward = to.CenterX > from.CenterX;
        var start = new FlowPoint(rightward ? from.Right : from.X, from.CenterY);
        var end = new FlowPoint(rightward ? to.X : to.Right, to.CenterY);
        var reach = Math.Abs(end.X - start.X);
        var sign = rightward ? 1 : -1;
        if (overOthers)
        {
            // A cubic whose two controls share a height peaks at a quarter of the ends' height plus three quarters of theirs.
            var lane = rightward ? topLane : bottomLane;
            var controlY = (lane - 0.25 * (start.Y + end.Y) / 2) / 0.75;
            var lead = Math.Min(60, reach / 3);
            return new FlowCurve(start, new FlowPoint(start.X + sign * lead, controlY), new FlowPoint(end.X - sign * lead, controlY), end);
        }

        var bend = rightward ? -16 : 16;
        return new FlowCurve(
            start,
            new FlowPoint(start.X + sign * reach / 3, start.Y + bend),
            new FlowPoint(end.X - sign * reach / 3, end.Y + bend),
            end);
    }

    /// <summary>Each shown network with its containers' names, by network then name.</summary>
    private static List<KeyValuePair<string, List<string>>> Members(IReadOnlyList<Container> containers, string? network) =>
        containers
            .SelectMany(c => c.Endpoints.Select(e => (e.Network, c.Name)))
            .Where(p => network is null || string.Equals(p.Network, network, StringComparison.Ordinal))
            .GroupBy(p => p.Network, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new KeyValuePair<string, List<string>>(g.Key, [.. g.Select(p => p.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]))
            .Concat(network is not null && !containers.Any(c => c.Endpoints.Any(e => e.Network == network))
                ? [new KeyValuePair<string, List<string>>(network, [])]
                : [])
            .ToList();

    private static FlowGroup LayOutGroup(string? network, string title, IReadOnlyList<string> names, double x)
    {
        var nodes = new List<FlowNode>();
        var y = Margin + Lane + GroupHeader;
        foreach (var name in names)
        {
            var box = new FlowBox(x + Padding, y, GroupWidth - 2 * Padding, NodeHeight);
            nodes.Add(new FlowNode(NodeId(network, name), name, FlowNodeKind.Container, box, network, []));
            y += Row;
        }

        var height = GroupHeader + names.Count * Row + Padding / 2;
        return new FlowGroup(network, title, new FlowBox(x, Margin + Lane, GroupWidth, height), nodes);
    }

    private static string NodeId(string? network, string container) => $"{network ?? "-"}/{container}";

    private static List<FlowLine> Lines(
        IReadOnlyList<FlowEntry> entries, FlowNode outside, FlowNode host, IReadOnlyList<FlowGroup> groups, (double Top, double Bottom) lanes)
    {
        var nodes = groups.SelectMany(g => g.Nodes).ToList();
        var groupOf = groups.SelectMany(g => g.Nodes.Select(n => (n.Id, g.Box))).ToDictionary(p => p.Id, p => p.Box, StringComparer.Ordinal);
        var byId = nodes.Append(outside).Append(host).ToDictionary(n => n.Id, StringComparer.Ordinal);

        string? NodeFor(string end, string? network)
        {
            if (FlowEnds.IsExternal(end))
            {
                return OutsideId;
            }

            if (FlowEnds.IsHost(end))
            {
                return HostId;
            }

            if (network is not null && byId.ContainsKey(NodeId(network, end)))
            {
                return NodeId(network, end);
            }

            return nodes.FirstOrDefault(n => string.Equals(n.Label, end, StringComparison.Ordinal))?.Id;
        }

        var summed = entries
            .Select(e => (Entry: e, From: NodeFor(e.Edge.From, e.Edge.Network), To: NodeFor(e.Edge.To, e.Edge.Network)))
            .Where(p => p.From is not null && p.To is not null && p.From != p.To)
            .GroupBy(p => (From: p.From!, To: p.To!))
            .Select(g => (g.Key.From, g.Key.To,
                Count: g.Sum(p => p.Entry.Edge.Count),
                Ports: (IReadOnlyList<string>)[.. g.Select(p => p.Entry.PortText).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
                LitAt: g.Max(p => p.Entry.LitAt)))
            .OrderBy(l => l.From, StringComparer.Ordinal)
            .ThenBy(l => l.To, StringComparer.Ordinal)
            .ToList();

        var busiest = summed.Count == 0 ? 1 : summed.Max(l => l.Count);
        return [.. summed.Select(l =>
        {
            var (from, to) = (byId[l.From], byId[l.To]);
            var fromGroup = groupOf.GetValueOrDefault(from.Id);
            var toGroup = groupOf.GetValueOrDefault(to.Id);
            var sameGroup = from.Kind == FlowNodeKind.Container && to.Kind == FlowNodeKind.Container && fromGroup == toGroup;
            var (left, right) = from.Box.CenterX < to.Box.CenterX ? (from.Box.Right, to.Box.X) : (to.Box.Right, from.Box.X);
            var overOthers = groups.Any(g => g.Box != fromGroup && g.Box != toGroup && g.Box.X < right && g.Box.Right > left);
            var curve = Route(from.Box, to.Box, sameGroup, lanes.Top, lanes.Bottom, overOthers);
            return new FlowLine(l.From, l.To, l.Count, LineWidth(l.Count, busiest), l.Ports, l.LitAt, curve.Start, curve.Control1, curve.Control2, curve.End);
        })];
    }
}
