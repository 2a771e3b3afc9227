namespace Portal.Host.Iptables;

/// <summary>
/// The events of one nf_tables transaction, closed by its <c>NEWGEN: GENID=n PID=p NAME=proc</c> line.
/// Generation numbers grow by one per transaction in a namespace, so a jump reveals missed transactions.
/// <see cref="Process"/> is the kernel's comm of the writer (at most 15 characters, e.g. "iptables-restor"), or
/// "dockerd" when the writer was dockerd's iptables child. <see cref="Parent"/> is the writer's parent's comm when the
/// writer still existed to be asked (null: it had exited, so who ran it is unknown). <see cref="At"/> is when the
/// agent received it; <see cref="AfterGap"/> says transactions were missed just before it.
/// </summary>
public sealed record XtablesBatch(
    long Generation,
    int Pid,
    string Process,
    IReadOnlyList<XtablesRuleEvent> Events,
    DateTimeOffset At = default,
    string? Parent = null,
    bool AfterGap = false);
