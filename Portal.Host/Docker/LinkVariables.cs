using Docker.DotNet.Models;
using Portal.Contracts.Model;
using Portal.Core.Links;

namespace Portal.Host.Docker;

/// <summary>The names of the variables Docker computes for a parent's links (Portal.Core's link semantics).</summary>
public static class LinkVariables
{
    public static IReadOnlySet<string> Names(
        string parentName,
        IReadOnlyList<ContainerLink> links,
        IReadOnlyDictionary<string, ContainerInspectResponse> containersByName)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var link in links)
        {
            if (!containersByName.TryGetValue(link.Target, out var child))
            {
                // The child is gone: Docker cannot start the parent either; its variables are whatever PID 1 kept.
                continue;
            }

            var ipv4 = ChildAddress(child);
            var exposed = ContainerMapper.Exposed(child);
            var env = child.Config?.Env?.ToList() ?? [];
            foreach (var variable in LinkEnvironment.Variables(parentName, link.Alias, ipv4, exposed, env))
            {
                names.Add(variable.Key);
            }
        }

        return names;
    }

    // Links live on the default bridge only; fall back to any address the child has.
    private static string ChildAddress(ContainerInspectResponse child)
    {
        var networks = child.NetworkSettings?.Networks;
        if (networks is null)
        {
            return string.Empty;
        }

        if (networks.TryGetValue("bridge", out var bridge) && !string.IsNullOrEmpty(bridge.IPAddress))
        {
            return bridge.IPAddress;
        }

        return networks.Values.Select(n => n.IPAddress).FirstOrDefault(a => !string.IsNullOrEmpty(a)) ?? string.Empty;
    }
}
