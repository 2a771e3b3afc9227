using Docker.DotNet.Models;

namespace Portal.Host.Commands;

/// <summary>
/// Builds the create body that gives back the inspected container: its whole Config (image, command, entrypoint,
/// env as stored, labels, exposed ports, volumes, user, tty, stop signal and timeout, healthcheck, hostname), its
/// whole HostConfig (links converted to create form), its primary network with aliases and fixed address, and the
/// other networks to connect before start. Typed models can lag the API (Azure IoT Edge's lesson): the tests check
/// every field against a real inspect.
/// </summary>
public static class CreateParametersMapper
{
    /// <param name="image">The image reference to create from: the name in Config.Image when it still resolves to the
    /// image the container runs, else the image id (a moved tag must not change what runs).</param>
    public static ContainerBlueprint FromInspect(ContainerInspectResponse inspect, string image)
    {
        var config = inspect.Config ?? new ContainerConfig();
        var name = ContainerInspection.Name(inspect);
        var host = inspect.HostConfig ?? new HostConfig();
        var create = new CreateContainerParameters
        {
            Name = name,
            Image = image,
            // A hostname Docker made up from the old id would give the new container the old id as its hostname.
            Hostname = IsGeneratedHostname(config.Hostname, inspect.ID) ? null! : config.Hostname,
            Domainname = config.Domainname,
            User = config.User,
            AttachStdin = config.AttachStdin,
            AttachStdout = config.AttachStdout,
            AttachStderr = config.AttachStderr,
            ExposedPorts = config.ExposedPorts is null ? null! : new Dictionary<string, EmptyStruct>(config.ExposedPorts),
            Tty = config.Tty,
            OpenStdin = config.OpenStdin,
            StdinOnce = config.StdinOnce,
            Env = config.Env is null ? null! : [.. config.Env],
            Cmd = config.Cmd is null ? null! : [.. config.Cmd],
            Healthcheck = config.Healthcheck,
            ArgsEscaped = config.ArgsEscaped,
            Volumes = config.Volumes is null ? null! : new Dictionary<string, EmptyStruct>(config.Volumes),
            WorkingDir = config.WorkingDir,
            Entrypoint = config.Entrypoint is null ? null! : [.. config.Entrypoint],
            NetworkDisabled = config.NetworkDisabled,
            OnBuild = config.OnBuild,
            Labels = config.Labels is null ? null! : new Dictionary<string, string>(config.Labels),
            StopSignal = config.StopSignal,
            StopTimeout = config.StopTimeout,
            Shell = config.Shell,
            HostConfig = host,
        };

        host.Links = host.Links is null ? null! : [.. host.Links.Select(LinkConversion.ToCreateForm)];
        host.PortBindings = host.PortBindings is null
            ? null!
            : host.PortBindings.ToDictionary(p => p.Key, p => (IList<PortBinding>)[.. (p.Value ?? []).Select(b => new PortBinding { HostIP = b.HostIP, HostPort = b.HostPort })]);
        host.Mounts = KeepAnonymousVolumes(inspect, host)!;

        var networks = inspect.NetworkSettings?.Networks ?? new Dictionary<string, EndpointSettings>();
        var primary = PrimaryNetwork(host.NetworkMode, networks);
        if (primary is not null)
        {
            create.NetworkingConfig = new NetworkingConfig
            {
                EndpointsConfig = new Dictionary<string, EndpointSettings> { [primary] = Endpoint(networks[primary], inspect, name) },
            };
        }

        var extra = networks
            .Where(n => n.Key != primary)
            .OrderBy(n => n.Key, StringComparer.Ordinal)
            .Select(n => new NetworkAttachment(n.Key, Endpoint(n.Value, inspect, name)))
            .ToList();
        return new ContainerBlueprint(name, inspect.State?.Running == true, create, extra);
    }

    /// <summary>The network HostConfig.NetworkMode names ("default" is the bridge network); null for host, none and container:.</summary>
    public static string? PrimaryNetwork(string? networkMode, IDictionary<string, EndpointSettings> networks)
    {
        var mode = string.IsNullOrEmpty(networkMode) || networkMode == "default" ? "bridge" : networkMode;
        return networks.ContainsKey(mode) ? mode : null;
    }

    /// <summary>What the operator gave this endpoint: aliases (minus Docker's own), fixed address, links, driver options.</summary>
    public static EndpointSettings Endpoint(EndpointSettings observed, ContainerInspectResponse inspect, string name)
    {
        var aliases = EndpointAliases.Given(observed.Aliases, inspect.ID, inspect.Config?.Hostname, name);
        var ipam = observed.IPAMConfig;
        var hasIpam = ipam is not null
            && (!string.IsNullOrEmpty(ipam.IPv4Address) || !string.IsNullOrEmpty(ipam.IPv6Address) || ipam.LinkLocalIPs?.Count > 0);
        return new EndpointSettings
        {
            Aliases = aliases.Count == 0 ? null! : aliases,
            IPAMConfig = hasIpam ? new EndpointIPAMConfig { IPv4Address = ipam!.IPv4Address, IPv6Address = ipam.IPv6Address, LinkLocalIPs = ipam.LinkLocalIPs } : null!,
            Links = observed.Links?.Count > 0 ? [.. observed.Links] : null!,
            DriverOpts = observed.DriverOpts is null ? null! : new Dictionary<string, string>(observed.DriverOpts),
        };
    }

    /// <summary>
    /// Anonymous volumes (an image VOLUME or <c>-v /data</c>) would be created empty for the new container; mounting the
    /// old container's volume by name keeps the data. Named volumes and binds are already in Binds or Mounts.
    /// </summary>
    private static IList<Mount>? KeepAnonymousVolumes(ContainerInspectResponse inspect, HostConfig host)
    {
        var mounted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var bind in host.Binds ?? [])
        {
            var parts = bind.Split(':');
            if (parts.Length >= 2)
            {
                mounted.Add(parts[1]);
            }
        }

        foreach (var mount in host.Mounts ?? [])
        {
            if (mount.Target is not null)
            {
                mounted.Add(mount.Target);
            }
        }

        var anonymous = (inspect.Mounts ?? [])
            .Where(m => m.Type == "volume" && !string.IsNullOrEmpty(m.Name) && !mounted.Contains(m.Destination))
            .Select(m => new Mount { Type = "volume", Source = m.Name, Target = m.Destination, ReadOnly = m.RW ? (bool?)null : true })
            .ToList();
        if (anonymous.Count == 0)
        {
            return host.Mounts;
        }

        return [.. host.Mounts ?? [], .. anonymous];
    }

    private static bool IsGeneratedHostname(string? hostname, string id) =>
        !string.IsNullOrEmpty(hostname) && id.Length >= 12 && hostname == id[..12];
}
