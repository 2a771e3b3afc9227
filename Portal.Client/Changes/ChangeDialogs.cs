using MudBlazor;
using Portal.Client.Components.Changes;
using Portal.Contracts.Api;

namespace Portal.Client.Changes;

/// <summary>Opens the plan-then-apply dialog for a change form.</summary>
public static class ChangeDialogs
{
    private static readonly DialogOptions Options = new() { MaxWidth = MaxWidth.Large, CloseOnEscapeKey = true, BackdropClick = false };

    /// <summary>The applied change's answer, or null when the operator cancelled.</summary>
    public static async Task<ChangeResponse?> ShowChangeAsync(this IDialogService dialogs, ChangeForm form)
    {
        var parameters = new DialogParameters<ChangeDialog> { { d => d.Form, form } };
        var reference = await dialogs.ShowAsync<ChangeDialog>(form.Title, parameters, Options);
        var result = await reference.Result;
        return result is { Canceled: false, Data: ChangeResponse response } ? response : null;
    }
}
