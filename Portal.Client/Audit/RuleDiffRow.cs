namespace Portal.Client.Audit;

/// <summary>One row of <c>GET /api/audit/diff</c>: a rule present at one moment and not the other. <see cref="Change"/> is added or removed.</summary>
public sealed record RuleDiffRow(string Table, string Chain, string Change, string Text);
