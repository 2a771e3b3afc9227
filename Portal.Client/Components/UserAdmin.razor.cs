using Microsoft.AspNetCore.Components;
using Portal.Client.Services;
using Portal.Contracts.Api;

namespace Portal.Client.Components;

/// <summary>
/// Lists users, adds one with a role, changes roles, sets a user's password, deletes users. The server enforces the
/// admin role, the password rules and that the last admin stays.
/// </summary>
public partial class UserAdmin
{
    private IReadOnlyList<UserSummary> _users = [];
    private string? _error;
    private string _userName = "";
    private string _password = "";
    private string _role = Roles.Viewer;
    private string? _notice;
    private string? _resetFor;
    private string _resetPassword = "";

    [Inject] public required IPortalApi Api { get; init; }

    protected override Task OnInitializedAsync() => RunAsync(() => Task.CompletedTask);

    private Task AddAsync() => RunAsync(async () =>
    {
        await Api.CreateUserAsync(new CreateUserRequest(_userName.Trim(), _password, _role), CancellationToken.None);
        _userName = "";
        _password = "";
    });

    private Task ChangeRoleAsync(string user, string role) => RunAsync(() => Api.ChangeRoleAsync(user, role, CancellationToken.None));

    private void StartReset(string user)
    {
        (_resetFor, _resetPassword, _notice) = (user, "", null);
    }

    private void CancelReset() => _resetFor = null;

    private Task ResetAsync() => RunAsync(async () =>
    {
        var user = _resetFor!;
        await Api.ResetPasswordAsync(user, _resetPassword, CancellationToken.None);
        (_resetFor, _resetPassword) = (null, "");
        _notice = $"Password of {user} set; they must change it at their next sign-in.";
    });

    private Task DeleteAsync(string user) => RunAsync(() => Api.DeleteUserAsync(user, CancellationToken.None));

    private async Task RunAsync(Func<Task> action)
    {
        _error = null;
        _notice = null;
        try
        {
            await action();
        }
        catch (PortalApiException e)
        {
            _error = e.Display;
        }

        try
        {
            _users = await Api.GetUsersAsync(CancellationToken.None);
        }
        catch (PortalApiException e)
        {
            _error ??= e.Display;
        }
    }
}
