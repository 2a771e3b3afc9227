using MudBlazor;

namespace Portal.Client.Layout;

public static class PortalTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1d4f91",
            AppbarBackground = "#1d4f91",
        },
    };
}
