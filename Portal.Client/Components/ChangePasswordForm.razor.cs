using Microsoft.AspNetCore.Components;
using Portal.Client.Services;
using Portal.Contracts.Api;

namespace Portal.Client.Components;

/// <summary>
/// The signed-in user's own password change. The server decides (length, the current password); the form only
/// catches a mistyped confirmation before sending. <see cref="Forced"/>: shown by the layout in place of every
/// page while the server says the password must be changed.
/// </summary>
public partial class ChangePasswordForm
{
    /// <summary>The server's minimum; repeated here only for the hint under the field.</summary>
    public const int MinimumLength = 12;

    private string _current = "";
    private string _new = "";
    private string _confirm = "";
    private string? _error;
    private bool _busy;
    private bool _done;

    [Inject] public required IPortalApi Api { get; init; }

    [Parameter] public bool Forced { get; set; }

    private async Task ChangeAsync()
    {
        _error = null;
        _done = false;
        if (_new != _confirm)
        {
            _error = "The new password and its repetition differ.";
            return;
        }

        _busy = true;
        try
        {
            await Api.ChangePasswordAsync(new ChangePasswordRequest(_current, _new), CancellationToken.None);
            (_current, _new, _confirm) = ("", "", "");
            _done = true;
        }
        catch (PortalApiException e)
        {
            _error = e.Display;
        }
        catch (HttpRequestException e)
        {
            _error = $"The portal server did not answer: {e.Message}";
        }
        finally
        {
            _busy = false;
        }
    }
}
