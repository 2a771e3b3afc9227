using System.Threading.Channels;

namespace Portal.Server.Reconciling;

/// <summary>
/// The agent ingest's way to say "this host's state changed": cheap and never blocking, so the hub method returns at
/// once; <see cref="ReconcileService"/> debounces and runs the pass.
/// </summary>
public sealed class ReconcileSignal
{
    private readonly Channel<string> _hosts = Channel.CreateUnbounded<string>(new() { SingleReader = true });

    public void Notify(string host) => _hosts.Writer.TryWrite(host);

    public ChannelReader<string> Reader => _hosts.Reader;
}
