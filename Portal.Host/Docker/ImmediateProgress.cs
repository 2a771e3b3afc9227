namespace Portal.Host.Docker;

/// <summary>
/// An IProgress that calls its delegate on the reporting thread. Progress&lt;T&gt; posts to a context or the
/// thread pool, which reorders and delays engine events.
/// </summary>
public sealed class ImmediateProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
