using Portal.Core.Iptables;
using Portal.Host.Snapshot;

namespace Portal.Host.Iptables;

/// <summary>Reads every table of the agent's namespace with iptables-save and parses it.</summary>
public sealed class IptablesReader(IptablesBackend backend)
{
    public IptablesBackend Backend => backend;

    public Task<string> SaveAsync(CancellationToken cancellationToken) =>
        ObservationException.WrapAsync(
            backend.SaveProgram,
            () => CommandRunner.RunAsync(backend.SaveProgram, [], cancellationToken),
            cancellationToken);

    public async Task<Ruleset> ReadAsync(CancellationToken cancellationToken) =>
        RulesetParser.Parse(await SaveAsync(cancellationToken));
}
