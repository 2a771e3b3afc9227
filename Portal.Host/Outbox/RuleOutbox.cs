using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Portal.Contracts.Model;
using Portal.Contracts.Wire;
using Portal.Core.Audit;
using Portal.Core.Iptables;

namespace Portal.Host.Outbox;

/// <summary>
/// Rule history not yet acknowledged by the server, on disk: one file per <see cref="RuleChangeBatch"/>, written
/// durably before it is sent and deleted only after the server stored it and the acknowledged rules that include it
/// are on disk. Batch numbers grow by one per journal and are never reused (the next one is above every file and the
/// acknowledged number). A file that cannot be read is moved to the state folder's corrupt/ and logged.
/// Thread-safe: the worker appends while the sender reads and acknowledges.
/// </summary>
public sealed class RuleOutbox
{
    /// <summary>Past this size the outbox warns (once per crossing): the server has been away for long.</summary>
    public const long WarnBytes = 100L * 1024 * 1024;

    private const string Extension = ".json";

    private readonly StateFolder _folder;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private readonly SortedDictionary<long, long> _pending = [];
    private RuleHistory? _acked;
    private long _ackedBatch;
    private long _committedBatch;
    private long _historyCovers;
    private long _next;
    private long _bytes;
    private bool _warned;

    private RuleOutbox(StateFolder folder, string host, ILogger logger)
    {
        _folder = folder;
        Host = host;
        _logger = logger;
    }

    public string Host { get; }

    public Guid Journal => _folder.Journal;

    /// <summary>The acknowledged state as loaded at start, or null when there was none (a new or damaged folder).</summary>
    public AckedRules? LoadedAcked { get; private set; }

    public long PendingBytes
    {
        get
        {
            lock (_gate)
            {
                return _bytes;
            }
        }
    }

    public static async Task<RuleOutbox> OpenAsync(StateFolder folder, string host, ILogger logger, CancellationToken cancellationToken)
    {
        var outbox = new RuleOutbox(folder, host, logger);
        await outbox.LoadAsync(cancellationToken);
        return outbox;
    }

    /// <summary>Batch numbers waiting for the server, in order.</summary>
    public IReadOnlyList<long> Pending()
    {
        lock (_gate)
        {
            return _pending.Keys.ToList();
        }
    }

    /// <summary>
    /// The rules the recorded history ends with: the acknowledged rules plus every pending batch. The start-up diff
    /// compares the host against this, so a change is recorded once whether or not its batch was acknowledged.
    /// Null when there is no acknowledged state to start from.
    /// </summary>
    public async Task<Ruleset?> RecordedRulesAsync(CancellationToken cancellationToken)
    {
        if (LoadedAcked is null)
        {
            return null;
        }

        var history = RuleReplay.Start(LoadedAcked.Text);
        foreach (var number in Pending())
        {
            if (await ReadAsync(number, cancellationToken) is { } batch)
            {
                history.Apply(batch.Changes);
            }
        }

        return RuleReplay.ToRuleset(history);
    }

    /// <summary>
    /// Starts acknowledged history from <paramref name="rules"/> when there was none: on a new folder that is where
    /// history begins (a pending batch from a damaged folder is already part of these rules, so it is not replayed).
    /// </summary>
    public async Task StartFromAsync(Ruleset rules, DateTimeOffset? dockerStarted, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_acked is not null)
            {
                return;
            }

            // Pending batches of a damaged folder are part of these rules already: they are still sent, but not replayed,
            // and the state is saved only once they are acknowledged (until then a restart takes this path again).
            _acked = RuleReplay.Start(rules);
            _historyCovers = _next - 1;
            _committedBatch = -1;
        }

        await CommitAsync(dockerStarted, cancellationToken);
    }

    /// <summary>The number of the last batch handed out (0 when none): the rules observed so far include it.</summary>
    public long LastNumbered
    {
        get
        {
            lock (_gate)
            {
                return _next - 1;
            }
        }
    }

    /// <summary>Writes the batch durably and returns it; it is pending from then on.</summary>
    public async Task<RuleChangeBatch> AppendAsync(DateTimeOffset at, IReadOnlyList<RuleChange> changes, CancellationToken cancellationToken)
    {
        long number;
        lock (_gate)
        {
            number = _next++;
        }

        var batch = new RuleChangeBatch(Host, Journal, number, at, changes);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(batch, WireJson.Info<RuleChangeBatch>());
        await DurableFile.WriteAsync(FilePath(number), bytes, cancellationToken);
        lock (_gate)
        {
            _pending[number] = bytes.Length;
            _bytes += bytes.Length;
            if (_bytes > WarnBytes && !_warned)
            {
                _warned = true;
                _logger.LogWarning(
                    "Rule history outbox holds {Megabytes} MB in {Count} batches ({Path}): the server has not acknowledged them for a while",
                    _bytes / (1024 * 1024), _pending.Count, _folder.OutboxPath);
            }
        }

        return batch;
    }

    /// <summary>A pending batch as written; null (and moved aside) when its file is damaged.</summary>
    public async Task<RuleChangeBatch?> ReadAsync(long number, CancellationToken cancellationToken)
    {
        var path = FilePath(number);
        try
        {
            var batch = JsonSerializer.Deserialize(await File.ReadAllBytesAsync(path, cancellationToken), WireJson.Info<RuleChangeBatch>());
            if (batch is not null && batch.Batch == number && batch.Changes is not null)
            {
                return batch;
            }
        }
        catch (Exception e) when (e is JsonException or IOException or NotSupportedException)
        {
            _logger.LogError("Outbox batch {Batch} is unreadable: {Error}", number, e.Message);
        }

        Forget(number);
        if (File.Exists(path))
        {
            _logger.LogError("Moved damaged outbox batch {Batch} to {Folder}", number, _folder.CorruptPath);
            DurableFile.MoveAside(path, _folder.CorruptPath);
        }

        return null;
    }

    /// <summary>The server stored the batch (its invocation completed). Batches are acknowledged in order.</summary>
    public void Acknowledge(RuleChangeBatch batch)
    {
        lock (_gate)
        {
            if (batch.Batch <= _ackedBatch)
            {
                return;
            }

            if (batch.Batch > _historyCovers)
            {
                _acked?.Apply(batch.Changes);
            }

            _ackedBatch = batch.Batch;
        }
    }

    /// <summary>
    /// Saves the acknowledged rules, then deletes the batch files they include. In this order a kill in between
    /// leaves files that are sent again (the server drops the duplicates), never a gap.
    /// </summary>
    public async Task CommitAsync(DateTimeOffset? dockerStarted, CancellationToken cancellationToken)
    {
        AckedRules acked;
        List<long> done;
        lock (_gate)
        {
            if (_acked is null || _ackedBatch == _committedBatch || _ackedBatch < _historyCovers)
            {
                return;
            }

            acked = new AckedRules(_ackedBatch, DateTimeOffset.UtcNow, dockerStarted, RuleReplay.Render(_acked));
            done = _pending.Keys.TakeWhile(n => n <= _ackedBatch).ToList();
        }

        await DurableFile.WriteAsync(_folder.AckedRulesPath, acked.Render(), cancellationToken);
        foreach (var number in done)
        {
            var path = FilePath(number);
            if (File.Exists(path))
            {
                File.Delete(path);
            }

            Forget(number);
        }

        DurableFile.SyncDirectory(_folder.OutboxPath);
        lock (_gate)
        {
            _committedBatch = acked.Batch;
        }
    }

    private void Forget(long number)
    {
        lock (_gate)
        {
            if (_pending.Remove(number, out var size))
            {
                _bytes -= size;
                if (_bytes <= WarnBytes)
                {
                    _warned = false;
                }
            }
        }
    }

    // Files keep the journal they were written under: a batch is always resent exactly as first sent.
    private string FilePath(long number) =>
        Path.Combine(_folder.OutboxPath, number.ToString("D19", CultureInfo.InvariantCulture) + Extension);

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_folder.OutboxPath);
        LoadedAcked = await LoadAckedAsync(cancellationToken);
        _ackedBatch = LoadedAcked?.Batch ?? 0;
        _committedBatch = _ackedBatch;
        _historyCovers = _ackedBatch;
        _acked = LoadedAcked is null ? null : RuleReplay.Start(LoadedAcked.Text);

        var highest = _ackedBatch;
        foreach (var path in Directory.EnumerateFiles(_folder.OutboxPath))
        {
            var name = Path.GetFileName(path);
            if (name.EndsWith(DurableFile.TemporarySuffix, StringComparison.Ordinal))
            {
                // A write that a kill interrupted before its rename: that batch was never sent nor numbered on disk.
                File.Delete(path);
                continue;
            }

            if (!name.EndsWith(Extension, StringComparison.Ordinal)
                || !long.TryParse(name[..^Extension.Length], NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                _logger.LogError("Unexpected file {File} in the outbox; moved to {Folder}", name, _folder.CorruptPath);
                DurableFile.MoveAside(path, _folder.CorruptPath);
                continue;
            }

            highest = Math.Max(highest, number);
            if (number <= _ackedBatch)
            {
                // Acknowledged and already part of the saved rules; a kill came before its deletion.
                File.Delete(path);
                continue;
            }

            _pending[number] = new FileInfo(path).Length;
            _bytes += _pending[number];
        }

        _next = highest + 1;
        foreach (var number in _pending.Keys.ToList())
        {
            // Validate now, so a damaged file is moved aside at start and never blocks the ones behind it.
            _ = await ReadAsync(number, cancellationToken);
        }

        _logger.LogInformation(
            "Outbox {Path}: journal {Journal}, {Count} pending batches ({Bytes} bytes), acknowledged up to {Acked}, next batch {Next}",
            _folder.OutboxPath, Journal, _pending.Count, _bytes, _ackedBatch, _next);
    }

    private async Task<AckedRules?> LoadAckedAsync(CancellationToken cancellationToken)
    {
        var path = _folder.AckedRulesPath;
        if (!File.Exists(path))
        {
            return null;
        }

        var acked = AckedRules.Parse(await File.ReadAllTextAsync(path, cancellationToken));
        if (acked is null)
        {
            _logger.LogError("Acknowledged rules file {Path} is damaged; moved to {Folder}; changes made while the agent was down cannot be recovered", path, _folder.CorruptPath);
            DurableFile.MoveAside(path, _folder.CorruptPath);
            await _folder.RenewJournalAsync(_logger, cancellationToken);
        }

        return acked;
    }
}
