using Microsoft.AspNetCore.Components;
using Portal.Client.Services;

namespace Portal.Client.Pages;

public partial class Admin
{
    [Inject] public required AuthState Auth { get; init; }
}
