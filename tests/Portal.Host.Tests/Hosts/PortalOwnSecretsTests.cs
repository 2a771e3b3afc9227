using Portal.Contracts.Model;
using Portal.Host.Hosts;

namespace Portal.Host.Tests.Hosts;

public sealed class PortalOwnSecretsTests
{
    [Fact]
    public void Withhold_PortalSecretsByNameAndTheAgentsToken_EmptiedAndMasked()
    {
        var env = new List<EnvVariable>
        {
            new("PATH", "/bin", EnvSource.Image),
            new("PORTAL_AGENT_TOKEN", "tok-1", EnvSource.User),
            new("Portal__Bootstrap__AdminPassword", "admin-pw", EnvSource.User),
            new("PORTAL__BOOTSTRAP__ADMINPASSWORD", "admin-pw2", EnvSource.User),
            new("Portal:Bootstrap:AdminPassword", "admin-pw3", EnvSource.User),
            new("SRV_ENV_PORTAL_AGENT_TOKEN", "tok-2", EnvSource.Link),
            new("SOME_COPY", "my-own-token", EnvSource.User),
            new("DB_PASSWORD", "not-the-portals", EnvSource.User),
        };

        var withheld = PortalOwnSecrets.Withhold(env, ["my-own-token"]);

        Assert.Equal(
            [
                new EnvVariable("PATH", "/bin", EnvSource.Image),
                new EnvVariable("PORTAL_AGENT_TOKEN", "", EnvSource.User, Masked: true),
                new EnvVariable("Portal__Bootstrap__AdminPassword", "", EnvSource.User, Masked: true),
                new EnvVariable("PORTAL__BOOTSTRAP__ADMINPASSWORD", "", EnvSource.User, Masked: true),
                new EnvVariable("Portal:Bootstrap:AdminPassword", "", EnvSource.User, Masked: true),
                new EnvVariable("SRV_ENV_PORTAL_AGENT_TOKEN", "", EnvSource.Link, Masked: true),
                new EnvVariable("SOME_COPY", "", EnvSource.User, Masked: true),
                // Other secrets are the server's to mask (and an operator's to reveal): the agent sends them.
                new EnvVariable("DB_PASSWORD", "not-the-portals", EnvSource.User),
            ],
            withheld);
    }

    [Fact]
    public void Remember_AToken_WithheldFromThenOn()
    {
        var token = Guid.NewGuid().ToString("N");
        PortalOwnSecrets.Remember(token);
        PortalOwnSecrets.Remember(token);

        Assert.Single(PortalOwnSecrets.Values, v => v == token);
        var env = PortalOwnSecrets.Withhold([new EnvVariable("X", token, EnvSource.User)], PortalOwnSecrets.Values);
        Assert.True(Assert.Single(env).Masked);
    }
}
