using Portal.Core.Commands;
using Portal.Core.PortalRules;
using Portal.Core.Validation;

namespace Portal.Host.Commands;

/// <summary>
/// Replaces the portal's chain in one <c>iptables-restore -w --noflush</c>: declaring the chain flushes and refills
/// it in the same transaction, and the jump from DOCKER-USER is inserted there too when it is missing.
/// </summary>
public sealed class ApplyPortalRulesHandler(IptablesWriter iptables)
{
    public static ValidationErrors Validate(ApplyPortalRulesCommand command)
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

    public async Task<CommandResult> ExecuteAsync(ApplyPortalRulesCommand command, CommandSteps steps, CancellationToken cancellationToken)
    {
        var filter = (await iptables.ReadFilterAsync(cancellationToken)).Table("filter");
        var dockerUser = filter?.Chain("DOCKER-USER");
        if (dockerUser is null)
        {
            return CommandResult.Refused(409, "the filter table has no DOCKER-USER chain (is Docker's iptables integration off?)", steps.All);
        }

        var jumpPresent = dockerUser.Rules.Any(r => r.Text == PortalRuleSet.JumpRule);
        await iptables.RestoreAsync(command.Rules.ToRestoreInput(insertJump: !jumpPresent), cancellationToken);
        var rules = command.Rules.RuleTexts().Count;
        steps.Done($"replaced chain {PortalRuleSet.Chain} with {rules} rules ({command.Rules.Links.Count} link pairs, {command.Rules.Bridges.Count} bridges)");
        if (!jumpPresent)
        {
            steps.Done($"inserted the jump from DOCKER-USER to {PortalRuleSet.Chain}");
        }

        return CommandResult.Done(steps.All);
    }
}
