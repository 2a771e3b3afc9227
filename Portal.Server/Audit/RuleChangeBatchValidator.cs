using Portal.Contracts.Model;

namespace Portal.Server.Audit;

/// <summary>What a <see cref="RuleChangeBatch"/> must satisfy before it is stored; returns the reason it fails, or null.</summary>
public static class RuleChangeBatchValidator
{
    /// <summary>Generous: a whole chain rewritten at once is a few thousand rules.</summary>
    public const int MaxChanges = 100_000;

    public const int MaxTextLength = 16 * 1024;

    private const int MaxNameLength = 256;

    public static string? Check(RuleChangeBatch? batch, string host)
    {
        if (batch is null)
        {
            return "no batch";
        }

        if (!string.Equals(batch.Host, host, StringComparison.OrdinalIgnoreCase))
        {
            return $"batch for host '{batch.Host}' on the token of '{host}'";
        }

        if (batch.Journal == Guid.Empty || batch.Batch < 0)
        {
            return "missing journal or negative batch number";
        }

        if (batch.Changes is null || batch.Changes.Count > MaxChanges)
        {
            return $"missing changes or more than {MaxChanges}";
        }

        foreach (var change in batch.Changes)
        {
            if (change is null
                || string.IsNullOrEmpty(change.Table) || change.Table.Length > MaxNameLength
                || string.IsNullOrEmpty(change.Chain) || change.Chain.Length > MaxNameLength
                || !Enum.IsDefined(change.Change)
                || string.IsNullOrEmpty(change.Text) || change.Text.Length > MaxTextLength
                || change.Owner is null || !Enum.IsDefined(change.Owner.Kind)
                || change.Cause is null || !Enum.IsDefined(change.Cause.Kind)
                || change.Index < 0)
            {
                return "a change without a table, chain, added/removed, text, owner or known cause kind";
            }
        }

        return null;
    }
}
