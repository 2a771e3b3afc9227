using System.Globalization;
using Portal.Contracts.Model;

namespace Portal.Core.Links;

/// <summary>
/// The environment variables a legacy link gives the parent, as dockerd 20.10 computes them (daemon/links/links.go)
/// and as the parent's processes then see them. Checked against <c>docker exec parent env</c> in the lab.
/// </summary>
public static class LinkEnvironment
{
    /// <summary>
    /// The child's variables as Docker reads them for <c>ALIAS_ENV_X</c> (its Config.Env), from the environment the agent
    /// observed in the child's PID 1: without link variables and without the HOSTNAME Docker adds at start from the
    /// container's hostname (a variable of the process, never of Config.Env, so a native link has no ALIAS_ENV_HOSTNAME).
    /// </summary>
    public static IReadOnlyList<string> ChildEnv(Container child) =>
        [.. child.Env
            .Where(e => e.Source != EnvSource.Link && !(e.Name == "HOSTNAME" && e.Value == child.Hostname))
            .Select(e => $"{e.Name}={e.Value}")];

    /// <summary>
    /// In order: <c>ALIAS_PORT</c> (the lowest port, tcp winning a tie); range variables (<c>_START</c>, <c>_ADDR</c>,
    /// <c>_PROTO</c>, <c>_PORT_START</c>, <c>_END</c>, <c>_PORT_END</c>) for each run of three or more ports whose numbers
    /// follow each other; <c>_PORT_n_PROTO</c>, <c>_ADDR</c>, <c>_PORT</c>, <c>_PROTO</c> per port; <c>ALIAS_NAME</c>;
    /// <c>ALIAS_ENV_X</c> per child variable except HOME and PATH. A name Docker emits twice (the first port of a range
    /// repeats its <c>_ADDR</c> and <c>_PROTO</c>) appears once, where it first appeared, with its last value: the
    /// runtime sets the variables one by one, so the process sees exactly that.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Variables(
        string parentName,
        string alias,
        string childIpv4,
        IReadOnlyList<string> childExposed,
        IReadOnlyList<string> childEnv)
    {
        ArgumentException.ThrowIfNullOrEmpty(parentName);
        ArgumentException.ThrowIfNullOrEmpty(alias);
        ArgumentNullException.ThrowIfNull(childIpv4);
        ArgumentNullException.ThrowIfNull(childExposed);
        ArgumentNullException.ThrowIfNull(childEnv);

        var prefix = alias.ToUpperInvariant().Replace('-', '_');
        var ports = childExposed.Select(LinkPort.Parse).OfType<LinkPort>().Distinct().ToList();
        ports.Sort(LinkPort.DockerOrder);
        var variables = new EnvList();
        if (ports.Count > 0)
        {
            variables.Set($"{prefix}_PORT", ports[0].Url(childIpv4));
        }

        for (var i = 0; i < ports.Count;)
        {
            var last = LastOfRun(ports, i);
            if (last > i + 1)
            {
                var first = ports[i];
                var end = ports[last];
                var range = $"{prefix}_PORT_{Number(first)}_{first.Protocol.ToUpperInvariant()}";
                variables.Set(range + "_START", first.Url(childIpv4));
                variables.Set(range + "_ADDR", childIpv4);
                variables.Set(range + "_PROTO", first.Protocol);
                variables.Set(range + "_PORT_START", Number(first));
                // The end's names carry the end port's protocol (a run may mix protocols), as dockerd 20.10 writes them.
                var rangeEnd = $"{prefix}_PORT_{Number(first)}_{end.Protocol.ToUpperInvariant()}";
                variables.Set(rangeEnd + "_END", end.Url(childIpv4));
                variables.Set(rangeEnd + "_PORT_END", Number(end));
                i = last + 1;
            }
            else
            {
                i++;
            }
        }

        foreach (var port in ports)
        {
            var name = $"{prefix}_PORT_{Number(port)}_{port.Protocol.ToUpperInvariant()}";
            variables.Set(name, port.Url(childIpv4));
            variables.Set(name + "_ADDR", childIpv4);
            variables.Set(name + "_PORT", Number(port));
            variables.Set(name + "_PROTO", port.Protocol);
        }

        variables.Set($"{prefix}_NAME", $"/{parentName.TrimStart('/')}/{alias}");
        foreach (var entry in childEnv)
        {
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                continue;
            }

            var key = entry[..equals];
            if (key is "HOME" or "PATH")
            {
                continue;
            }

            variables.Set($"{prefix}_ENV_{key}", entry[(equals + 1)..]);
        }

        return variables.ToList();
    }

    /// <summary>
    /// The index of the last port of the run starting at <paramref name="start"/>. Like dockerd 20.10, a run is
    /// counted by position in the sorted list and by number only: each next entry may be at most one above the
    /// expected number, which grows by one per entry, whatever the protocol.
    /// </summary>
    private static int LastOfRun(List<LinkPort> ports, int start)
    {
        var expected = ports[start].Number;
        for (var i = start + 1; i < ports.Count; i++)
        {
            if (ports[i].Number > expected + 1)
            {
                return i - 1;
            }

            expected++;
        }

        return ports.Count - 1;
    }

    private static string Number(LinkPort port) => port.Number.ToString(CultureInfo.InvariantCulture);

    /// <summary>Names in first-seen order, values last-set wins: how the runtime's setenv one by one leaves them.</summary>
    private sealed class EnvList
    {
        private readonly List<KeyValuePair<string, string>> items = [];
        private readonly Dictionary<string, int> positions = new(StringComparer.Ordinal);

        public void Set(string name, string value)
        {
            if (positions.TryGetValue(name, out var at))
            {
                items[at] = new(name, value);
                return;
            }

            positions.Add(name, items.Count);
            items.Add(new(name, value));
        }

        public List<KeyValuePair<string, string>> ToList() => items;
    }
}
