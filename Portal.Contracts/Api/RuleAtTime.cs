namespace Portal.Contracts.Api;

/// <summary>One rule of a host as it was at a past moment (<c>GET /api/audit/rules?host=&amp;at=</c>).</summary>
public sealed record RuleAtTime(string Table, string Chain, int Index, string Text);
