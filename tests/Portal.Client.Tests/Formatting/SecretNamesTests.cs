using Portal.Client.Formatting;

namespace Portal.Client.Tests.Formatting;

public sealed class SecretNamesTests
{
    [Theory]
    [InlineData("DB_PASSWORD", true)]
    [InlineData("api_token", true)]
    [InlineData("AWS_SECRET_ACCESS_KEY", true)]
    [InlineData("SSH_KEY", true)]
    [InlineData("Secret", true)]
    [InlineData("WEB_ENV_MYSQL_PASSWORD", true)]
    [InlineData("PATH", false)]
    [InlineData("WEB_PORT_80_TCP_ADDR", false)]
    [InlineData("HOSTNAME", false)]
    public void LooksSecret_ByNameSubstring_CaseInsensitive(string name, bool expected) =>
        Assert.Equal(expected, SecretNames.LooksSecret(name));

    [Fact]
    public void Show_SecretNotRevealed_Masked() => Assert.Equal("••••••••", SecretNames.Show("DB_PASSWORD", "hunter2", revealed: false));

    [Fact]
    public void Show_SecretRevealed_Value() => Assert.Equal("hunter2", SecretNames.Show("DB_PASSWORD", "hunter2", revealed: true));

    [Fact]
    public void Show_OrdinaryName_ValueEvenWhenNotRevealed() => Assert.Equal("/bin", SecretNames.Show("PATH", "/bin", revealed: false));
}
