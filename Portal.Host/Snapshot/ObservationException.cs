namespace Portal.Host.Snapshot;

/// <summary>A failure to read part of the host, carrying what was being read so the log and stderr say it.</summary>
public sealed class ObservationException(string reading, Exception inner)
    : Exception($"failed reading {reading}: {inner.Message}", inner)
{
    public string Reading { get; } = reading;

    /// <summary>Runs <paramref name="read"/> and wraps any failure (but cancellation) with what it was reading.</summary>
    public static async Task<T> WrapAsync<T>(string reading, Func<Task<T>> read, CancellationToken cancellationToken)
    {
        try
        {
            return await read();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (ObservationException)
        {
            throw;
        }
        catch (Exception e)
        {
            throw new ObservationException(reading, e);
        }
    }
}
