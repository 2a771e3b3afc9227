using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Portal.Core.Iptables;
using Portal.Host.Resilience;

namespace Portal.Host.Iptables;

/// <summary>
/// Learns rule changes as they happen: from xtables-monitor on nf_tables (a transaction triggers a re-read after
/// a short debounce, so a burst of Docker's one-rule-per-process writes becomes one read), by polling every
/// second on the legacy backend or while the monitor is down. Every read is a full iptables-save diffed against
/// the previous one, so a missed event can delay a change but never lose it. A monitor that fails is restarted through
/// the agent's retry pipeline, polling meanwhile.
/// </summary>
public sealed class RuleWatcher(IptablesReader reader, AgentRetry retry, ILogger logger)
{
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private readonly Channel<XtablesBatch?> _triggers = Channel.CreateUnbounded<XtablesBatch?>();
    private volatile bool _monitoring;

    /// <summary>True while xtables-monitor feeds events (false: polling).</summary>
    public bool Monitoring => _monitoring;

    public async Task RunAsync(Ruleset initial, Func<RuleObservation, CancellationToken, Task> onChange, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var monitor = reader.Backend.IsNfTables && XtablesMonitor.IsAvailable
            ? MonitorAsync(stop.Token)
            : Task.CompletedTask;
        if (!reader.Backend.IsNfTables)
        {
            logger.LogInformation("iptables backend is {Backend}: polling every {Interval} s", reader.Backend.Name, PollInterval.TotalSeconds);
        }

        var poll = PollAsync(stop.Token);
        try
        {
            await ReadLoopAsync(initial, onChange, stop.Token);
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(monitor, poll).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>Asks for a re-read now (e.g. after an engine event), whatever the monitor says.</summary>
    public void Trigger() => _triggers.Writer.TryWrite(null);

    private async Task ReadLoopAsync(Ruleset current, Func<RuleObservation, CancellationToken, Task> onChange, CancellationToken cancellationToken)
    {
        var transactions = new List<XtablesBatch>();
        while (await _triggers.Reader.WaitToReadAsync(cancellationToken))
        {
            // Gather the burst: everything queued now and during the debounce belongs to one read.
            await Task.Delay(Debounce, cancellationToken);
            while (_triggers.Reader.TryRead(out var batch))
            {
                if (batch is not null)
                {
                    transactions.Add(batch);
                }
            }

            Ruleset next;
            try
            {
                next = await reader.ReadAsync(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("Failed reading the rules: {Error}; keeping the last ruleset", e.Message);
                continue;
            }

            // Transactions whose event lines arrived while iptables-save ran may describe what this read shows (or what
            // the next one will): attribute with them now, keep them for the next round too, and make sure it happens.
            var late = new List<XtablesBatch>();
            var drained = false;
            while (_triggers.Reader.TryRead(out var arrived))
            {
                drained = true;
                if (arrived is not null)
                {
                    late.Add(arrived);
                }
            }

            var changes = RulesetDiffer.Diff(current, next);
            var seen = transactions.Concat(late).ToList();
            // Each transaction is looked at for come-and-go rules once: late ones in the next round, against its diff.
            foreach (var (before, after) in TransientSteps(current, TransientRules.Find(transactions, changes)))
            {
                // Came and went between two reads: recorded as two steps of their own, so the history has them.
                await onChange(new RuleObservation(DateTimeOffset.UtcNow, before, after, RulesetDiffer.Diff(before, after), seen), cancellationToken);
            }

            if (changes.Count > 0)
            {
                await onChange(new RuleObservation(DateTimeOffset.UtcNow, current, next, changes, seen), cancellationToken);
            }

            current = next;
            transactions.Clear();
            transactions.AddRange(late);
            if (drained)
            {
                _triggers.Writer.TryWrite(null);
            }
        }
    }

    /// <summary>For each transient rule, the two rulesets it passed through: with it (appended to its chain), then without.</summary>
    private static IEnumerable<(Ruleset Before, Ruleset After)> TransientSteps(Ruleset current, IReadOnlyList<TransientRules.Transient> transients)
    {
        foreach (var transient in transients)
        {
            var text = current.Render();
            var other = transient.AddedFirst
                ? RulesetParser.Parse(WithRule(text, transient.Table, transient.Text))
                : RulesetParser.Parse(WithoutRule(text, transient.Table, transient.Text));
            yield return (current, other);
            yield return (other, current);
        }
    }

    private static string WithRule(string save, string table, string rule)
    {
        var lines = save.Split('\n').ToList();
        var start = lines.IndexOf("*" + table);
        var commit = start < 0 ? -1 : lines.IndexOf("COMMIT", start);
        if (commit < 0)
        {
            return save + $"*{table}\n{rule}\nCOMMIT\n";
        }

        lines.Insert(commit, rule);
        return string.Join('\n', lines);
    }

    private static string WithoutRule(string save, string table, string rule)
    {
        var lines = save.Split('\n').ToList();
        var start = lines.IndexOf("*" + table);
        var at = start < 0 ? -1 : lines.IndexOf(rule, start);
        if (at >= 0)
        {
            lines.RemoveAt(at);
        }

        return string.Join('\n', lines);
    }

    /// <summary>Runs xtables-monitor for as long as the watcher runs; the child only ends by failing, and is restarted.</summary>
    private async Task MonitorAsync(CancellationToken cancellationToken)
    {
        var monitor = new XtablesMonitor(logger);
        try
        {
            await retry.RunAsync("xtables-monitor (polling meanwhile)", RunMonitorAsync, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }

        async Task RunMonitorAsync(CancellationToken token)
        {
            try
            {
                await monitor.RunAsync(
                    batch =>
                    {
                        if (batch.Events.Count > 0)
                        {
                            _triggers.Writer.TryWrite(batch);
                        }
                    },
                    () =>
                    {
                        _monitoring = true;
                        // Changes made before the monitor listened are found by one read now.
                        _triggers.Writer.TryWrite(null);
                    },
                    token);
            }
            finally
            {
                _monitoring = false;
            }
        }
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(PollInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                if (!_monitoring)
                {
                    _triggers.Writer.TryWrite(null);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
