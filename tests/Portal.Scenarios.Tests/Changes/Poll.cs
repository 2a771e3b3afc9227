namespace Portal.Scenarios.Tests.Changes;

/// <summary>Polls a condition against the lab until it holds or the timeout passes (never a bare sleep).</summary>
public static class Poll
{
    public static async Task UntilAsync(Func<CancellationToken, Task<bool>> condition, TimeSpan timeout, Func<Task<string>> describe, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await condition(cancellationToken))
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"not within {timeout.TotalSeconds:0} s: {await describe()}");
            }

            await Task.Delay(250, cancellationToken);
        }
    }

    public static Task UntilAsync(Func<CancellationToken, Task<bool>> condition, TimeSpan timeout, string what, CancellationToken cancellationToken) =>
        UntilAsync(condition, timeout, () => Task.FromResult(what), cancellationToken);
}
