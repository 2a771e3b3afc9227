using Portal.Host.Iptables;

namespace Portal.Host.Agent;

/// <summary>
/// What the worker does in one round, folded from the items it took: re-read the engine if anything asked for it, apply
/// the rule observations in order (the last one's rules are current), send a snapshot if asked (the last reason given).
/// </summary>
public sealed record AgentRound(bool Refresh, string? SnapshotReason, IReadOnlyList<RuleObservation> Observations)
{
    public static AgentRound Of(IEnumerable<AgentWork> items)
    {
        var refresh = false;
        string? snapshotReason = null;
        var observations = new List<RuleObservation>();
        foreach (var item in items)
        {
            switch (item)
            {
                case AgentWork.Refresh:
                    refresh = true;
                    break;
                case AgentWork.Rules r:
                    observations.Add(r.Observation);
                    break;
                case AgentWork.SendSnapshot s:
                    snapshotReason = s.Reason;
                    break;
            }
        }

        return new AgentRound(refresh, snapshotReason, observations);
    }
}
