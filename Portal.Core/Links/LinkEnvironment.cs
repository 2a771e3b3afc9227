namespace Portal.Core.Links;

/// <summary>The environment variables Docker computes for a legacy link (see <see cref="LinkPort"/> for the port rules).</summary>
public static class LinkEnvironment
{
    public static IReadOnlyList<KeyValuePair<string, string>> Variables(
        string parentName,
        string alias,
        string childIpv4,
        IReadOnlyList<string> childExposed,
        IReadOnlyList<string> childEnv)
    {
        ArgumentException.ThrowIfNullOrEmpty(alias);
        ArgumentNullException.ThrowIfNull(childExposed);
        ArgumentNullException.ThrowIfNull(childEnv);
        var prefix = alias.ToUpperInvariant().Replace('-', '_');
        var variables = new List<KeyValuePair<string, string>>();
        var ports = childExposed.Select(LinkPort.Parse).OfType<LinkPort>().ToList();
        ports.Sort(LinkPort.DockerOrder);
        if (LinkPort.Default(ports) is { } first)
        {
            Add(variables, $"{prefix}_PORT", first.Url(childIpv4));
        }

        var start = 0;
        for (var i = 1; i <= ports.Count; i++)
        {
            var continues = i < ports.Count && ports[i].Protocol == ports[i - 1].Protocol && ports[i].Number == ports[i - 1].Number + 1;
            if (continues)
            {
                continue;
            }

            if (i - start >= 3)
            {
                var low = ports[start];
                var high = ports[i - 1];
                var range = $"{prefix}_PORT_{low.Number}_{low.Protocol.ToUpperInvariant()}";
                Add(variables, range + "_START", low.Url(childIpv4));
                Add(variables, range + "_ADDR", childIpv4);
                Add(variables, range + "_PROTO", low.Protocol);
                Add(variables, range + "_PORT_START", low.Number.ToString(System.Globalization.CultureInfo.InvariantCulture));
                Add(variables, range + "_END", high.Url(childIpv4));
                Add(variables, range + "_PORT_END", high.Number.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            start = i;
        }

        foreach (var port in ports)
        {
            var name = $"{prefix}_PORT_{port.Number}_{port.Protocol.ToUpperInvariant()}";
            Add(variables, name, port.Url(childIpv4));
            Add(variables, name + "_ADDR", childIpv4);
            Add(variables, name + "_PORT", port.Number.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Add(variables, name + "_PROTO", port.Protocol);
        }

        Add(variables, $"{prefix}_NAME", $"/{parentName.TrimStart('/')}/{alias}");
        foreach (var entry in childEnv)
        {
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue;
            }

            var key = entry[..equals];
            if (key is "HOME" or "PATH")
            {
                continue;
            }

            Add(variables, $"{prefix}_ENV_{key}", entry[(equals + 1)..]);
        }

        return variables;
    }

    private static void Add(List<KeyValuePair<string, string>> variables, string name, string value) => variables.Add(new(name, value));
}
