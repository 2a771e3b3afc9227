using Portal.Client.Formatting;
using Portal.Contracts.Model;

namespace Portal.Client.Tests.Formatting;

public sealed class SecretNamesTests
{
    private static readonly EnvVariable Masked = new("DB_PASSWORD", "********", EnvSource.User, Masked: true);

    [Fact]
    public void Show_MaskedNotRevealed_Mask() => Assert.Equal("••••••••", SecretNames.Show(Masked, revealed: null));

    [Fact]
    public void Show_MaskedRevealed_TheRevealedValue() => Assert.Equal("hunter2", SecretNames.Show(Masked, "hunter2"));

    [Fact]
    public void Show_NotMasked_TheValueWhateverTheName() =>
        Assert.Equal("plain", SecretNames.Show(new EnvVariable("MY_TOKEN_NAME", "plain", EnvSource.User), revealed: null));
}
