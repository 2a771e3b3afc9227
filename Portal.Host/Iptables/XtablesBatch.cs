namespace Portal.Host.Iptables;

/// <summary>
/// The events of one nf_tables transaction, closed by its <c>NEWGEN: GENID=n PID=p NAME=proc</c> line.
/// Generation numbers grow by one per transaction in a namespace, so a jump reveals missed transactions.
/// <see cref="Process"/> is the kernel's comm of the writer (at most 15 characters, e.g. "iptables-restor").
/// </summary>
public sealed record XtablesBatch(long Generation, int Pid, string Process, IReadOnlyList<XtablesRuleEvent> Events);
