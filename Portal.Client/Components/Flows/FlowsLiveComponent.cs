using Microsoft.AspNetCore.Components;
using Portal.Client.Formatting;
using Portal.Client.Live;
using Portal.Client.Pages;
using Portal.Client.Services;

namespace Portal.Client.Components.Flows;

/// <summary>
/// What the flow map and a container's flow list share: one subscription to a host's flows for a time window (a new
/// window or host subscribes again), pushes applied as new totals that light the moved edges, and re-renders while a
/// light fades.
/// </summary>
public abstract class FlowsLiveComponent : LivePage
{
    private static readonly TimeSpan FadeStep = TimeSpan.FromMilliseconds(150);
    private (string Host, FlowWindow Window)? _subscribed;
    private bool _fading;

    [Parameter, EditorRequired] public required string Host { get; set; }

    [Inject] public required ILiveFeed Feed { get; init; }

    [Inject] public required TimeProvider Time { get; init; }

    /// <summary>The edges held; null until the first answer.</summary>
    protected FlowSet? Flows { get; private set; }

    protected FlowWindow Window { get; private set; } = FlowWindow.Last24Hours;

    protected DateTimeOffset Now => Time.GetUtcNow();

    /// <summary>The edges inside the window as of now (the window slides while the page stays open).</summary>
    protected IReadOnlyList<FlowEntry> Current => Flows?.Since(Now - Window.Span()).Entries ?? [];

    protected override Task OnParametersSetAsync() => SubscribeAsync(Window);

    protected async Task ChangeWindowAsync(FlowWindow window) => await SubscribeAsync(window);

    private async Task SubscribeAsync(FlowWindow window)
    {
        if (_subscribed == (Host, window))
        {
            return;
        }

        if (_subscribed is not null)
        {
            await RestartAsync();
        }

        _subscribed = (Host, window);
        Window = window;
        Flows = null;
        Error = null;
        try
        {
            var subscription = await Feed.SubscribeFlowsAsync(Host, window.Span(), PageToken);
            Flows = FlowSet.From(subscription.Edges);
            StartReading(subscription.Changes, batch =>
            {
                Flows = (Flows ?? FlowSet.Empty).Apply(batch, Now);
                _ = FadeAsync();
            });
        }
        catch (PortalApiException e)
        {
            Error = e.Status == 404 ? $"No flows for {Host}." : e.Display;
        }
    }

    /// <summary>Re-renders a few times a second while some edge is still lit, so its light fades out.</summary>
    private async Task FadeAsync()
    {
        if (_fading)
        {
            return;
        }

        _fading = true;
        var token = PageToken;
        try
        {
            while (!token.IsCancellationRequested && Flows?.Entries.Any(e => FlowGlow.IsLit(e.LitAt, Now)) == true)
            {
                await Task.Delay(FadeStep, token);
                await InvokeAsync(StateHasChanged);
            }
        }
        catch (OperationCanceledException)
        {
            // The page went away.
        }
        finally
        {
            _fading = false;
        }
    }
}
