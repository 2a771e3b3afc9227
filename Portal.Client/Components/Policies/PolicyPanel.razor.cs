using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Client.Live;
using Portal.Client.Services;
using Portal.Contracts.Model;
using Portal.Contracts.Plans;
using Portal.Contracts.Policies;
using Portal.Contracts.PortalRules;
using Portal.Core.PortalRules;

namespace Portal.Client.Components.Policies;

/// <summary>
/// Edits a network's policy as a draft (mode and the operator's entries; link-derived ones shown, never sent): Plan asks
/// the server's dry run, Apply sends the same request. Learn fills the draft with the proposal and shows its plan, so
/// one click applies it once read.
/// </summary>
public sealed partial class PolicyPanel
{
    private readonly CancellationTokenSource _cts = new();
    private PolicyView? _view;
    private List<PolicyAllow> _draft = [];
    private string _mode = PolicyMode.Off;
    private PolicyLearnResponse? _learned;
    private Plan? _plan;
    private string? _error;
    private bool _busy;
    private (string, string, long)? _loaded;
    private string? _from;
    private string? _to;
    private int? _port;
    private string _proto = "tcp";
    private int _minutes = 60;

    [Parameter, EditorRequired] public required string Host { get; set; }

    [Parameter, EditorRequired] public required string Network { get; set; }

    /// <summary>The host's containers (those on <see cref="Network"/> can be picked).</summary>
    [Parameter] public IReadOnlyList<Container> Containers { get; set; } = [];

    /// <summary>The state's sequence: a new one reads the policy again (unless a draft is being edited).</summary>
    [Parameter] public long Sequence { get; set; }

    [Parameter] public bool CanChange { get; set; }

    /// <summary>The network's bridge interface: with <see cref="Counters"/>, the verdict rule's count is followed live.</summary>
    [Parameter] public string? Bridge { get; set; }

    /// <summary>The host's live rule counters (null until the page has them: the count the policy was read with shows).</summary>
    [Parameter] public RuleCounters? Counters { get; set; }

    [Inject] public required IPortalApi Api { get; init; }

    private IEnumerable<string> Members =>
        Containers.Where(c => c.Endpoints.Any(e => e.Network == Network)).Select(c => c.Name).Order(StringComparer.Ordinal);

    protected override async Task OnParametersSetAsync()
    {
        if (_loaded == (Host, Network, Sequence) || (_plan is not null && _loaded?.Item2 == Network))
        {
            return;
        }

        _loaded = (Host, Network, Sequence);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        try
        {
            _view = await Api.GetPolicyAsync(Host, Network, _cts.Token);
            _draft = [.. _view.Allow];
            _mode = _view.Mode;
            _error = null;
        }
        catch (PortalApiException e)
        {
            _error = e.Display;
        }
    }

    /// <summary>What the policy's verdict rule counted: live from the page's counters, else as the policy was read.</summary>
    private PolicyCount? Counted()
    {
        if (_view is null || _view.Mode == PolicyMode.Off)
        {
            return null;
        }

        var verdict = Bridge is null ? null : Counters?.ByText("filter", PortalRuleSet.PolicyChain, PortalRuleSetText.VerdictRule(Bridge, _view.Mode == PolicyMode.Enforce));
        return verdict is null ? _view.Counted : new PolicyCount(verdict.Packets, verdict.Bytes);
    }

    private static Color ModeColor(string mode) => mode switch
    {
        PolicyMode.Enforce => Color.Error,
        PolicyMode.Monitor => Color.Info,
        _ => Color.Default,
    };

    private void Add()
    {
        if (_from is null || _to is null || _port is not { } port)
        {
            return;
        }

        var entry = new PolicyAllow(_from, _to, port, _proto, PolicySource.Policy);
        if (!_draft.Contains(entry))
        {
            _draft.Add(entry);
        }

        _plan = null;
    }

    private void Remove(PolicyAllow entry)
    {
        _draft.Remove(entry);
        _plan = null;
    }

    private void Cancel()
    {
        _plan = null;
        _learned = null;
        if (_view is not null)
        {
            _draft = [.. _view.Allow];
            _mode = _view.Mode;
        }
    }

    /// <summary>What PUT sends: the mode and the operator's entries (link-derived ones are derived anew by the server).</summary>
    private PolicyRequest Request() =>
        new(_mode, _draft.Where(a => a.Source != PolicySource.Link).Select(a => a with { Source = null }).ToList());

    private Task PlanAsync() => RunAsync(async () => _plan = (await Api.SetPolicyAsync(Host, Network, Request(), dryRun: true, _cts.Token)).Plan);

    private Task LearnAsync() => RunAsync(async () =>
    {
        var learned = await Api.LearnPolicyAsync(Host, Network, _minutes, _cts.Token);
        _learned = learned;
        _mode = learned.Policy.Mode ?? PolicyMode.Enforce;
        _draft = [.. (learned.Policy.Allow ?? []).Select(a => a with { Source = PolicySource.Policy }), .. (_view?.Allow ?? []).Where(a => a.Source == PolicySource.Link)];
        _plan = learned.Plan;
    });

    private Task ApplyAsync() => RunAsync(async () =>
    {
        await Api.SetPolicyAsync(Host, Network, Request(), dryRun: false, _cts.Token);
        _plan = null;
        _learned = null;
        await LoadAsync();
    });

    private async Task RunAsync(Func<Task> action)
    {
        _busy = true;
        try
        {
            await action();
            _error = null;
        }
        catch (PortalApiException e)
        {
            _error = e.Display;
        }
        finally
        {
            _busy = false;
        }
    }

    public void Dispose()
    {
        _cts.Cancel();
        _cts.Dispose();
    }
}
