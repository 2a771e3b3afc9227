using Portal.Contracts.Model;
using Portal.Contracts.Plans;
using Portal.Core.Plans;
using Portal.Core.Secrets;

namespace Portal.Core.Tests.Planning;

public sealed class PlannedLinkEnvironmentTests
{
    [Fact]
    public void For_ChildWithAMaskedVariable_ItsCopyMaskedOthersInClear()
    {
        var child = new Container(
            "id-db", "db", "busybox", "running", "dbhost", [], [], ["5432/tcp"], [],
            [
                new EnvVariable("DB_PASSWORD", SecretMask.Value, EnvSource.User, Masked: true),
                new EnvVariable("GREETING", "hi", EnvSource.User),
            ],
            []);

        var env = PlannedLinkEnvironment.For("app", ChangeKind.Added, "my-db", "172.17.0.3", child).ToDictionary(v => v.Name);

        Assert.Equal(new PlannedEnvVariable("app", ChangeKind.Added, "MY_DB_ENV_DB_PASSWORD", SecretMask.Value, Masked: true), env["MY_DB_ENV_DB_PASSWORD"]);
        Assert.Equal(new PlannedEnvVariable("app", ChangeKind.Added, "MY_DB_ENV_GREETING", "hi"), env["MY_DB_ENV_GREETING"]);
        Assert.False(env["MY_DB_PORT_5432_TCP_ADDR"].Masked);
        Assert.Equal("172.17.0.3", env["MY_DB_PORT_5432_TCP_ADDR"].Value);
    }
}
