using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Client.Changes;

namespace Portal.Client.Components.Changes;

/// <summary>
/// Plan, read, apply: the one dialog behind every change the portal makes. It closes with the server's answer
/// (a <see cref="Portal.Contracts.Api.ChangeResponse"/>) once applied, or with nothing when cancelled.
/// </summary>
public partial class ChangeDialog : IDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private ChangeRun _run = null!;

    [CascadingParameter] public required IMudDialogInstance Dialog { get; set; }

    [Parameter, EditorRequired] public required ChangeForm Form { get; set; }

    public void Dispose()
    {
        _cts.Cancel();
        _cts.Dispose();
        GC.SuppressFinalize(this);
    }

    protected override void OnInitialized() => _run = new ChangeRun(Form);

    protected override async Task OnInitializedAsync()
    {
        if (Form.PlanOnOpen)
        {
            await _run.PlanAsync(_cts.Token);
        }
    }

    private Task PlanAsync() => _run.PlanAsync(_cts.Token);

    private Task ApplyAsync() => _run.ApplyAsync(_cts.Token);

    private void Close()
    {
        if (_run.Result is { } result)
        {
            Dialog.Close(DialogResult.Ok(result));
        }
        else
        {
            Dialog.Cancel();
        }
    }
}
