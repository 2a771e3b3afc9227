using Docker.DotNet;
using Portal.Contracts.Commands;
using Portal.Contracts.PortalRules;
using Portal.Core.PortalRules;
using Portal.Core.Validation;
using Portal.Host.Docker;

namespace Portal.Host.Commands;

/// <summary>
/// Replaces the portal's chain in one <c>iptables-restore -w --noflush</c>: declaring the chain flushes and refills
/// it in the same transaction, and the jump from DOCKER-USER is inserted there too when it is missing. The chain may
/// only speak of the bridges of this host's Docker networks (as the engine lists them now): a rule set naming any other
/// interface (eth0, lo, the machine's own bridges) is refused whole, so a server cannot open or cut anything else.
/// </summary>
public sealed class ApplyPortalRulesHandler(IDockerClient docker, IptablesWriter iptables) : CommandHandler<ApplyPortalRulesCommand>
{
    public override ValidationErrors Validate(ApplyPortalRulesCommand command)
    {
        if (command.Rules is null)
        {
            var errors = new ValidationErrors();
            errors.Add("rules", "missing");
            return errors;
        }

        if (command.Rules.Bridges is null || command.Rules.Links is null)
        {
            var errors = new ValidationErrors();
            errors.Add(command.Rules.Bridges is null ? "bridges" : "links", "missing");
            return errors;
        }

        return command.Rules.Validate();
    }

    public override CommandLock Lock(ApplyPortalRulesCommand command) => CommandLock.Host;

    /// <summary>Every rule of the new chain and the jump to it: the writes this command makes are known up front.</summary>
    public override IReadOnlySet<string> Predict(ApplyPortalRulesCommand command) =>
        new HashSet<string>(command.Rules.RuleTexts().Append(PortalRuleSet.JumpRule), StringComparer.Ordinal);

    public override async Task<CommandResult> ExecuteAsync(ApplyPortalRulesCommand command, CommandSteps steps, CancellationToken cancellationToken)
    {
        var managed = (await NetworkReader.ReadAsync(docker, cancellationToken)).Select(n => n.BridgeName).ToHashSet(StringComparer.Ordinal);
        if (Unmanaged(command.Rules, managed) is { } refusal)
        {
            throw new CommandRefusal(400, refusal);
        }

        var filter = (await iptables.ReadFilterAsync(cancellationToken)).Table("filter");
        var dockerUser = filter?.Chain("DOCKER-USER");
        if (dockerUser is null)
        {
            return CommandResult.Refused(409, "the filter table has no DOCKER-USER chain (is Docker's iptables integration off?)", steps.All);
        }

        var jumpPresent = dockerUser.Rules.Any(r => r.Text == PortalRuleSet.JumpRule);
        var policyChainPresent = filter!.Chain(PortalRuleSet.PolicyChain) is not null;
        await iptables.RestoreAsync(command.Rules.ToRestoreInput(insertJump: !jumpPresent, policyChainPresent), cancellationToken);
        var rules = command.Rules.RuleTexts().Count;
        steps.Done($"replaced chain {PortalRuleSet.Chain} with {rules} rules ({command.Rules.Links.Count} link pairs, {command.Rules.Bridges.Count} bridges, {command.Rules.Policies?.Count ?? 0} policies)");
        if (!jumpPresent)
        {
            steps.Done($"inserted the jump from DOCKER-USER to {PortalRuleSet.Chain}");
        }

        return CommandResult.Done(steps.All);
    }

    /// <summary>The fields naming interfaces that are not bridges of Docker networks here, or null when there are none.</summary>
    public static string? Unmanaged(PortalRuleSet rules, IReadOnlySet<string> dockerBridges)
    {
        var errors = new ValidationErrors();
        foreach (var name in rules.Bridges.Select(b => b.Bridge).Where(b => !dockerBridges.Contains(b)).Distinct(StringComparer.Ordinal))
        {
            errors.Add("bridges", $"'{name}' is not the bridge of a Docker network on this host");
        }

        foreach (var name in rules.Links.Select(l => l.Bridge).Where(b => !dockerBridges.Contains(b)).Distinct(StringComparer.Ordinal))
        {
            errors.Add("links", $"'{name}' is not the bridge of a Docker network on this host");
        }

        foreach (var name in (rules.Policies ?? []).Select(p => p.Bridge).Where(b => !dockerBridges.Contains(b)).Distinct(StringComparer.Ordinal))
        {
            errors.Add("policies", $"'{name}' is not the bridge of a Docker network on this host");
        }

        return errors.IsEmpty ? null : errors.ToString();
    }
}
