namespace Portal.Scenarios.Tests.Changes;

/// <summary>Polls a condition against the lab until it holds or the timeout passes (never a bare sleep).</summary>
public static class Poll
{
    public static async Task UntilAsync(Func<CancellationToken, Task<bool>> condition, TimeSpan timeout, Func<Task<string>> describe, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                if (await condition(cancellationToken))
                {
                    return;
                }
            }
            catch (Exception e) when (e is Portal.Lab.LabCommandException or HttpRequestException)
            {
                // Mid-change the lab answers errors of its own (a container renamed aside for a moment): not yet.
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
