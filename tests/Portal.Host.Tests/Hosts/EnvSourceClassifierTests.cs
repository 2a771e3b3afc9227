using Portal.Contracts.Model;
using Portal.Host.Hosts;

namespace Portal.Host.Tests.Hosts;

public sealed class EnvSourceClassifierTests
{
    [Fact]
    public void Classify_LinkImageAndUser_EachVariableGetsItsSource()
    {
        string[] environment =
        [
            "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            "LANG=C.UTF-8",
            "DB_PORT=tcp://172.17.0.2:80",
            "DB_NAME=/client/db",
            "USERVAR=1",
        ];
        string[] image = ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "LANG=en_US.UTF-8"];
        var links = new HashSet<string> { "DB_PORT", "DB_NAME" };

        var env = EnvSourceClassifier.Classify(environment, image, links);

        Assert.Equal(
            [
                new EnvVariable("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", EnvSource.Image),
                new EnvVariable("LANG", "C.UTF-8", EnvSource.User),
                new EnvVariable("DB_PORT", "tcp://172.17.0.2:80", EnvSource.Link),
                new EnvVariable("DB_NAME", "/client/db", EnvSource.Link),
                new EnvVariable("USERVAR", "1", EnvSource.User),
            ],
            env);
    }

    [Fact]
    public void Classify_LinkVariableWithStaleValue_StillLink()
    {
        // The child moved since the parent started: PID 1 keeps the old address, the name still says link.
        var env = EnvSourceClassifier.Classify(["DB_PORT_80_TCP_ADDR=172.17.0.9"], [], new HashSet<string> { "DB_PORT_80_TCP_ADDR" });

        Assert.Equal(EnvSource.Link, Assert.Single(env).Source);
    }

    [Fact]
    public void Classify_ValueWithEqualsAndEmptyValue_SplitAtFirstEquals()
    {
        var env = EnvSourceClassifier.Classify(["OPTS=a=b=c", "EMPTY="], ["EMPTY="], new HashSet<string>());

        Assert.Equal(new EnvVariable("OPTS", "a=b=c", EnvSource.User), env[0]);
        Assert.Equal(new EnvVariable("EMPTY", string.Empty, EnvSource.Image), env[1]);
    }
}
