namespace Portal.Server.Audit;

/// <summary>One audit entry as stored: interned ids and small integers (the host and batch are the batch's).</summary>
internal readonly record struct AuditRow(long At, int Chain, int Change, int Position, int Rule, int Owner, int Cause, int? Container);
