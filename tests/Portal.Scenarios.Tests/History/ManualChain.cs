using Portal.Lab;

namespace Portal.Scenarios.Tests.History;

using Lab = Portal.Lab.Lab;

/// <summary>
/// A filter chain of a test's own in a lab host's namespace, changed with the iptables CLI of the host's backend exactly as an administrator
/// would (external to the portal and to Docker). Nothing jumps to it, so its rules never touch traffic.
/// </summary>
public sealed class ManualChain : IAsyncDisposable
{
    private int _next;

    private ManualChain(LabHost host, string name)
    {
        Host = host;
        Name = name;
    }

    public LabHost Host { get; }

    public string Name { get; }

    public static async Task<ManualChain> CreateAsync(LabHost host, CancellationToken cancellationToken)
    {
        var chain = new ManualChain(host, Lab.UniqueName("hist-"));
        await chain.IptablesAsync(["-N", chain.Name], cancellationToken);
        return chain;
    }

    /// <summary>Appends a rule with a source address of its own; answers its text as iptables-save prints it.</summary>
    public async Task<string> AddAsync(CancellationToken cancellationToken)
    {
        var n = Interlocked.Increment(ref _next);
        var spec = $"-s 10.99.{n / 250}.{n % 250 + 1}/32 -j ACCEPT";
        await IptablesAsync(["-A", Name, .. spec.Split(' ')], cancellationToken);
        return $"-A {Name} {spec}";
    }

    /// <summary>Deletes a rule added by <see cref="AddAsync"/>, by its text.</summary>
    public Task DeleteAsync(string rule, CancellationToken cancellationToken) =>
        IptablesAsync(["-D", .. rule.Split(' ')[1..]], cancellationToken);

    public Task IptablesAsync(string[] args, CancellationToken cancellationToken) =>
        Host.InNamespaceAsync(Host.IptablesProgram(), ["-w", "-t", "filter", .. args], cancellationToken);

    public async ValueTask DisposeAsync()
    {
        // Flush and delete; tolerant, so a test that failed half-way still leaves no chain behind.
        await LabCommand.RunAsync("nsenter", [$"--net={Host.Namespace}", Host.IptablesProgram(), "-w", "-t", "filter", "-F", Name], CancellationToken.None);
        await LabCommand.RunAsync("nsenter", [$"--net={Host.Namespace}", Host.IptablesProgram(), "-w", "-t", "filter", "-X", Name], CancellationToken.None);
    }
}
