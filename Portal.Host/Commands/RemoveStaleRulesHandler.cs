using System.Text;
using Portal.Contracts.Commands;
using Portal.Core.Validation;

namespace Portal.Host.Commands;

/// <summary>Deletes leaked link rules from filter DOCKER in one <c>iptables-restore -w --noflush</c>; rules already gone are skipped.</summary>
public sealed class RemoveStaleRulesHandler(IptablesWriter iptables)
{
    public static ValidationErrors Validate(RemoveStaleRulesCommand command)
    {
        var errors = new ValidationErrors();
        if (command.Rules is null || command.Rules.Count == 0)
        {
            errors.Add("rules", "no rules given");
            return errors;
        }

        foreach (var rule in command.Rules)
        {
            if (!StaleLinkRule.IsLinkPairRule(rule))
            {
                errors.Add("rules", $"'{rule}' is not a legacy link rule of filter DOCKER");
            }
        }

        return errors;
    }

    public async Task<CommandResult> ExecuteAsync(RemoveStaleRulesCommand command, CommandSteps steps, CancellationToken cancellationToken)
    {
        var present = (await iptables.ReadFilterAsync(cancellationToken)).Table("filter")?.Chain("DOCKER")?.Rules
            .GroupBy(r => r.Text, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal)
            ?? [];

        var input = new StringBuilder("*filter\n");
        var deleted = 0;
        foreach (var rule in command.Rules)
        {
            if (present.GetValueOrDefault(rule) is > 0 and var count)
            {
                present[rule] = count - 1;
                input.Append("-D DOCKER ").Append(StaleLinkRule.Body(rule)).Append('\n');
                deleted++;
            }
            else
            {
                steps.Done($"skipped (already gone): {rule}");
            }
        }

        if (deleted > 0)
        {
            input.Append("COMMIT\n");
            await iptables.RestoreAsync(input.ToString(), cancellationToken);
            steps.Done($"deleted {deleted} stale link rules from filter DOCKER");
        }

        return CommandResult.Done(steps.All);
    }
}
