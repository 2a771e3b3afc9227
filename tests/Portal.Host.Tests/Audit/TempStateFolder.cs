using Microsoft.Extensions.Logging.Abstractions;
using Portal.Host.Outbox;

namespace Portal.Host.Tests.Audit;

/// <summary>A state folder of the test's own under /tmp, deleted at the end.</summary>
public sealed class TempStateFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("aud-state-").FullName;

    public string Outbox => System.IO.Path.Combine(Path, "outbox");

    public Task<StateFolder> OpenAsync() => StateFolder.OpenAsync(Path, NullLogger.Instance, TestContext.Current.CancellationToken);

    public async Task<RuleOutbox> OpenOutboxAsync(string host = "docker1") =>
        await RuleOutbox.OpenAsync(await OpenAsync(), host, NullLogger.Instance, TestContext.Current.CancellationToken);

    public IReadOnlyList<string> BatchFiles() =>
        Directory.Exists(Outbox) ? Directory.GetFiles(Outbox).Select(f => System.IO.Path.GetFileName(f)).Order(StringComparer.Ordinal).ToList() : [];

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
