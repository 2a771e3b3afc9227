using Portal.Core.Secrets;

namespace Portal.Core.Tests.Secrets;

public sealed class SecretClassifierTests
{
    [Theory]
    [InlineData("DB_PASSWORD")]
    [InlineData("mysql_root_passwd")]
    [InlineData("AWS_SECRET_ACCESS_KEY")]
    [InlineData("api_token")]
    [InlineData("SSH_KEY")]
    [InlineData("GOOGLE_APPLICATION_CREDENTIALS")]
    [InlineData("PRIVATE_PEM")]
    [InlineData("BASIC_AUTH")]
    [InlineData("SENTRY_DSN")]
    [InlineData("ConnectionStrings__Default")]
    [InlineData("PORTAL_AGENT_TOKEN")]
    [InlineData("Portal__Bootstrap__AdminPassword")]
    public void IsSecret_NameWithAPattern_CaseInsensitive_True(string name) =>
        Assert.True(SecretClassifier.Default.IsSecret(name, "plain"));

    [Theory]
    [InlineData("PATH", "/usr/bin")]
    [InlineData("HOSTNAME", "web")]
    [InlineData("WEB_PORT_80_TCP_ADDR", "172.17.0.2")]
    [InlineData("WEB_PORT", "tcp://172.17.0.2:80")]
    [InlineData("HOME_URL", "https://example.org/a:b@c")]
    [InlineData("UPSTREAM", "http://user@host:8080/")]
    public void IsSecret_OrdinaryVariable_False(string name, string value) =>
        Assert.False(SecretClassifier.Default.IsSecret(name, value));

    [Theory]
    [InlineData("postgres://app:s3cret@db:5432/app")]
    [InlineData("redis://:s3cret@cache:6379/0")]
    [InlineData("amqp+ssl://guest:guest@rabbit")]
    [InlineData("--url=https://u:p@example.org/x")]
    public void IsSecret_ValueIsAUrlWithAPassword_True(string value) =>
        Assert.True(SecretClassifier.Default.IsSecret("DATABASE_URL_SETTING", value));

    [Theory]
    [InlineData("WEB_ENV_MYSQL_PASSWORD")]
    [InlineData("DB_ENV_PORTAL_AGENT_TOKEN")]
    public void IsSecret_LinkDerivedCopyOfASecret_True(string name) =>
        Assert.True(SecretClassifier.Default.IsSecret(name, "x"));

    [Fact]
    public void IsSecretName_LinkCopy_JudgedByThePartAfterEnv()
    {
        var classifier = new SecretClassifier(["^ONLYSUFFIX"]);
        Assert.False(classifier.IsSecretName("WEB_ENV_OTHER"));
        var exact = new SecretClassifier(["MYSQL_ROOT"]);
        Assert.True(exact.IsSecretName("DB_ENV_MYSQL_ROOT"));
    }

    [Fact]
    public void Constructor_ConfiguredPatterns_ReplaceTheDefaults()
    {
        var classifier = new SecretClassifier(["greeting", " "]);

        Assert.Equal(["greeting"], classifier.NamePatterns);
        Assert.True(classifier.IsSecret("GREETING", "hello"));
        Assert.False(classifier.IsSecret("DB_PASSWORD", "hunter2"));
        Assert.True(classifier.IsSecret("DB_URL", "mysql://root:hunter2@db"));
    }

    [Fact]
    public void Constructor_NoPatterns_TheDefaults()
    {
        Assert.Equal(SecretClassifier.DefaultNamePatterns, new SecretClassifier(null).NamePatterns);
        Assert.Equal(SecretClassifier.DefaultNamePatterns, new SecretClassifier([]).NamePatterns);
    }
}
