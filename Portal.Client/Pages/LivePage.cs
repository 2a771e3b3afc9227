using Microsoft.AspNetCore.Components;

namespace Portal.Client.Pages;

/// <summary>
/// What every live page shares: one CancellationTokenSource for its subscription, one reading task, and a dispose
/// that cancels the token and then waits for the reader to finish, so no render lands on a disposed page.
/// </summary>
public abstract class LivePage : ComponentBase, IAsyncDisposable
{
    private CancellationTokenSource _cts = new();
    private Task _reading = Task.CompletedTask;

    protected CancellationToken PageToken => _cts.Token;

    /// <summary>The message to show when the subscription failed (unknown host, server down).</summary>
    protected string? Error { get; set; }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _cts.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Ends the current subscription (a route parameter changed) and gives the page a fresh token.</summary>
    protected async Task RestartAsync()
    {
        await StopAsync();
        _cts.Dispose();
        _cts = new CancellationTokenSource();
    }

    /// <summary>Reads change batches until the page goes away, applying each on the renderer's context.</summary>
    protected void StartReading<T>(IAsyncEnumerable<T> batches, Action<T> apply) =>
        StartReading(batches, batch =>
        {
            apply(batch);
            return Task.CompletedTask;
        });

    /// <summary>As above, for pages that fetch more (over REST) while applying a batch.</summary>
    protected void StartReading<T>(IAsyncEnumerable<T> batches, Func<T, Task> applyAsync)
    {
        var token = PageToken;
        // A page may read more than one stream (a host's state and its rule counters): the stop waits for all.
        _reading = Task.WhenAll(_reading, ReadAsync(batches, applyAsync, token));
    }

    private async Task ReadAsync<T>(IAsyncEnumerable<T> batches, Func<T, Task> applyAsync, CancellationToken token)
    {
        try
        {
            await foreach (var batch in batches.WithCancellation(token))
            {
                await InvokeAsync(async () =>
                {
                    await applyAsync(batch);
                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The page went away or switched to another host.
        }
    }

    private async Task StopAsync()
    {
        await _cts.CancelAsync();
        await _reading;
        _reading = Task.CompletedTask;
    }
}
