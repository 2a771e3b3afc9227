using Portal.Contracts.Model;
using Portal.Core.Secrets;

namespace Portal.Core.Tests.Secrets;

public sealed class SecretMaskerTests
{
    private static Container With(params EnvVariable[] env) =>
        new("id1", "db", "busybox", "running", "db", [], [], [], [], env, []);

    [Fact]
    public void Mask_SecretVariables_MaskedWithTheirValuesReturned()
    {
        var container = With(
            new EnvVariable("PATH", "/bin", EnvSource.Image),
            new EnvVariable("DB_PASSWORD", "hunter2", EnvSource.User),
            new EnvVariable("WEB_ENV_API_TOKEN", "t0k", EnvSource.Link));

        var masked = SecretMasker.Mask(container, SecretClassifier.Default);

        Assert.Equal(
            [
                new EnvVariable("PATH", "/bin", EnvSource.Image),
                new EnvVariable("DB_PASSWORD", SecretMask.Value, EnvSource.User, Masked: true),
                new EnvVariable("WEB_ENV_API_TOKEN", SecretMask.Value, EnvSource.Link, Masked: true),
            ],
            masked.Container.Env);
        Assert.Equal(new Dictionary<string, string> { ["DB_PASSWORD"] = "hunter2", ["WEB_ENV_API_TOKEN"] = "t0k" }, masked.Secrets);
    }

    [Fact]
    public void Mask_VariableTheAgentWithheld_MaskedWithoutAValue()
    {
        var container = With(new EnvVariable("SOMETHING", "leaked-anyway", EnvSource.User, Masked: true));

        var masked = SecretMasker.Mask(container, SecretClassifier.Default);

        Assert.Equal(new EnvVariable("SOMETHING", SecretMask.Value, EnvSource.User, Masked: true), Assert.Single(masked.Container.Env));
        Assert.Empty(masked.Secrets);
    }

    [Fact]
    public void Mask_NothingSecret_SameContainer()
    {
        var container = With(new EnvVariable("PATH", "/bin", EnvSource.Image));

        Assert.Same(container, SecretMasker.Mask(container, SecretClassifier.Default).Container);
    }

    [Fact]
    public void Mask_MaskedAlready_SameContainerNoValues()
    {
        var container = With(new EnvVariable("DB_PASSWORD", SecretMask.Value, EnvSource.User, Masked: true));

        var masked = SecretMasker.Mask(container, SecretClassifier.Default);

        Assert.Same(container, masked.Container);
        Assert.Empty(masked.Secrets);
    }

    [Fact]
    public void Json_MaskedOnlyWhenTrue_AndTruncationOnlyWhenTrue()
    {
        var plain = System.Text.Json.JsonSerializer.Serialize(new EnvVariable("A", "b", EnvSource.User), PortalJson.Options);
        var masked = System.Text.Json.JsonSerializer.Serialize(new EnvVariable("A", SecretMask.Value, EnvSource.User, true), PortalJson.Options);
        var container = System.Text.Json.JsonSerializer.Serialize(With() with { HostsTruncated = true }, PortalJson.Options);

        Assert.Equal("""{"name":"A","value":"b","source":"user"}""", plain);
        Assert.Equal("""{"name":"A","value":"********","source":"user","masked":true}""", masked);
        Assert.Contains("\"hostsTruncated\":true", container);
        Assert.DoesNotContain("envTruncated", container);
    }
}
