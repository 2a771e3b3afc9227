using System.Text.Json;

namespace Portal.Lab;

/// <summary>
/// One Docker host of the lab: a network namespace with its own dockerd. <paramref name="iptablesBackend"/> is where
/// its dockerd writes ("nf_tables" on docker1 and docker2, "legacy" on docker3): ground truth is read and manual rules
/// are written with that backend's programs.
/// </summary>
public sealed class LabHost(string name, string physicalAddress, string iptablesBackend = "nf_tables", bool ipv6 = false)
{
    public const string DockerProgram = "/usr/bin/docker";

    public string Name { get; } = name;

    /// <summary>The namespace file, for nsenter --net= or setns.</summary>
    public string Namespace { get; } = $"/var/run/netns/{name}";

    /// <summary>Path of the daemon's socket; <see cref="DockerEndpoint"/> is the same as a unix:// URI.</summary>
    public string DockerSocket { get; } = $"/var/lib/portal-lab/{name}/docker.sock";

    public string DockerEndpoint => $"unix://{DockerSocket}";

    /// <summary>The host's address on the lab's "physical" bridge (10.20.30.0/24).</summary>
    public string PhysicalAddress { get; } = physicalAddress;

    /// <summary>"nf_tables" or "legacy": the backend the host's dockerd writes with (the agent's snapshot says the same).</summary>
    public string IptablesBackend { get; } = iptablesBackend;

    /// <summary>True when the daemon runs with --ipv6 --ip6tables (docker3).</summary>
    public bool Ipv6 { get; } = ipv6;

    /// <summary>The iptables program of the host's backend, e.g. <c>iptables-legacy</c>; the plain name (the machine's alternative, nf_tables here) otherwise.</summary>
    public string IptablesProgram(bool ipv6 = false) => (ipv6 ? "ip6tables" : "iptables") + (IptablesBackend == "legacy" ? "-legacy" : string.Empty);

    /// <summary>The host's ip6tables-save of its backend, every table.</summary>
    public Task<string> Ip6tablesSaveAsync(CancellationToken cancellationToken = default) =>
        InNamespaceAsync(IptablesProgram(ipv6: true) + "-save", [], OrCurrent(cancellationToken));

    /// <summary>Runs the docker CLI against this host; answers stdout, throws with stderr on failure.</summary>
    public Task<string> DockerAsync(params string[] args) => DockerAsync(args, TestContext.Current.CancellationToken);

    public Task<string> DockerAsync(IEnumerable<string> args, CancellationToken cancellationToken) =>
        LabCommand.CheckedAsync(DockerProgram, DockerArguments(args), cancellationToken);

    /// <summary>Runs the docker CLI and answers its result even when it fails (for refusals a test expects).</summary>
    public Task<LabCommandResult> TryDockerAsync(IEnumerable<string> args, CancellationToken cancellationToken) =>
        LabCommand.RunAsync(DockerProgram, DockerArguments(args), cancellationToken);

    /// <summary>Runs a program inside the host's network namespace (nsenter, not `ip netns exec`, which remounts /sys).</summary>
    public Task<string> InNamespaceAsync(string program, params string[] args) =>
        InNamespaceAsync(program, args, TestContext.Current.CancellationToken);

    public Task<string> InNamespaceAsync(string program, IEnumerable<string> args, CancellationToken cancellationToken) =>
        LabCommand.CheckedAsync("nsenter", [$"--net={Namespace}", program, .. args], cancellationToken);

    /// <summary>The host's rules exactly as iptables-save prints them (one table, or all).</summary>
    public Task<string> IptablesSaveAsync(string? table = null, CancellationToken cancellationToken = default) =>
        InNamespaceAsync(IptablesProgram() + "-save", table is null ? [] : ["-t", table], OrCurrent(cancellationToken));

    /// <summary>`docker exec CONTAINER cmd...`; answers stdout.</summary>
    public Task<string> ExecAsync(string container, params string[] cmd) =>
        DockerAsync(["exec", container, .. cmd], TestContext.Current.CancellationToken);

    /// <summary>`docker inspect NAME` of a container, network or image: the one object, not the array around it.</summary>
    public async Task<JsonDocument> InspectAsync(string name, CancellationToken cancellationToken = default)
    {
        var json = await DockerAsync(["inspect", name], OrCurrent(cancellationToken));
        using var array = JsonDocument.Parse(json);
        return JsonDocument.Parse(array.RootElement[0].GetRawText());
    }

    /// <summary>Removes every container (forced) and then every network whose name starts with the prefix.</summary>
    public async Task RemoveByPrefixAsync(string prefix, CancellationToken cancellationToken = default)
    {
        var token = OrCurrent(cancellationToken);
        var containers = await NamesAsync(["ps", "-a", "--format", "{{.Names}}"], prefix, token);
        if (containers.Count > 0)
        {
            await DockerAsync(["rm", "-f", "-v", .. containers], token);
        }

        var networks = await NamesAsync(["network", "ls", "--format", "{{.Name}}"], prefix, token);
        if (networks.Count > 0)
        {
            await DockerAsync(["network", "rm", .. networks], token);
        }
    }

    public override string ToString() => Name;

    private async Task<List<string>> NamesAsync(string[] listing, string prefix, CancellationToken cancellationToken)
    {
        var output = await DockerAsync(listing, cancellationToken);
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal))];
    }

    private string[] DockerArguments(IEnumerable<string> args) => ["-H", DockerEndpoint, .. args];

    private static CancellationToken OrCurrent(CancellationToken cancellationToken) =>
        cancellationToken.CanBeCanceled ? cancellationToken : TestContext.Current.CancellationToken;
}
