using Microsoft.Extensions.Logging;

namespace Portal.Host.Outbox;

/// <summary>
/// The agent's only durable state: <c>--state DIR</c>, else env PORTAL_AGENT_STATE, else
/// <c>/var/lib/portal-agent/&lt;host&gt;</c>. It holds the journal id (made once per folder: a new folder is a new
/// journal, so the server never confuses its batch numbers with an older folder's), the outbox of unacknowledged
/// batches and the last acknowledged ruleset.
/// </summary>
public sealed class StateFolder
{
    private const string JournalFile = "journal";

    private StateFolder(string path, Guid journal)
    {
        Path = path;
        Journal = journal;
    }

    public string Path { get; }

    public Guid Journal { get; private set; }

    /// <summary>
    /// Starts a new journal in this folder: used when the folder can no longer say which batch numbers it has used
    /// (its acknowledged state is damaged), so that a number is never sent twice with different content.
    /// </summary>
    public async Task RenewJournalAsync(ILogger logger, CancellationToken cancellationToken)
    {
        Journal = Guid.NewGuid();
        await DurableFile.WriteAsync(System.IO.Path.Combine(Path, JournalFile), Journal.ToString("D") + "\n", cancellationToken);
        logger.LogWarning("State folder {Path}: started new journal {Journal}", Path, Journal);
    }

    public string OutboxPath => System.IO.Path.Combine(Path, "outbox");

    public string CorruptPath => System.IO.Path.Combine(Path, "corrupt");

    public string AckedRulesPath => System.IO.Path.Combine(Path, "acked.rules");

    /// <summary>The folder to use: the one given (option or environment), else the default one of the host the server confirmed.</summary>
    public static string Resolve(string? given, string host) => given ?? System.IO.Path.Combine("/var/lib/portal-agent", host);

    public static async Task<StateFolder> OpenAsync(string path, ILogger logger, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(path);
        var file = System.IO.Path.Combine(path, JournalFile);
        if (File.Exists(file))
        {
            var text = (await File.ReadAllTextAsync(file, cancellationToken)).Trim();
            if (Guid.TryParse(text, out var existing))
            {
                return new StateFolder(path, existing);
            }

            // A journal file that is not a Guid cannot be trusted; a new journal only means the server starts a new
            // sequence of batch numbers for this host, which it keeps apart from the old one.
            logger.LogError("State folder {Path}: journal file is corrupt ({Text}); moved aside, starting a new journal", path, text.Length > 40 ? text[..40] : text);
            DurableFile.MoveAside(file, System.IO.Path.Combine(path, "corrupt"));
        }

        var journal = Guid.NewGuid();
        await DurableFile.WriteAsync(file, journal.ToString("D") + "\n", cancellationToken);
        logger.LogInformation("State folder {Path}: new journal {Journal}", path, journal);
        return new StateFolder(path, journal);
    }
}
