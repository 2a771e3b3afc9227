namespace Portal.Packaging.Tests.Infrastructure;

public static class Poll
{
    /// <summary>Asks again every <paramref name="interval"/> until the answer is acceptable or the time is up.</summary>
    public static async Task<T> UntilAsync<T>(
        Func<CancellationToken, Task<T>> probe,
        Func<T, bool> acceptable,
        TimeSpan timeout,
        TimeSpan interval,
        Func<T?, string> describe,
        CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        T? last = default;
        try
        {
            while (true)
            {
                last = await probe(deadline.Token);
                if (acceptable(last))
                {
                    return last;
                }
                await Task.Delay(interval, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"not reached within {timeout}: {describe(last)}");
        }
    }
}
