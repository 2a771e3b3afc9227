using Bunit;
using Portal.Client.Components;
using Portal.Contracts.Api;

namespace Portal.Client.Tests.Admin;

public sealed class HostAdminTests : PortalTestContext
{
    [Fact]
    public void HostAdmin_AgentRefused_ShowsTheServersReasonOnTheHostsRow()
    {
        Api.Hosts =
        [
            new HostSummary("docker1", false, null, null, 0, 0, 0, "token is for host 'docker1', --host says 'x'"),
            new HostSummary("docker2", true, "20.10.24", DateTimeOffset.UtcNow, 1, 1, 3),
        ];

        var cut = Context.Render<HostAdmin>();

        cut.WaitForAssertion(() =>
        {
            Assert.Equal(
                "Agent refused: token is for host 'docker1', --host says 'x'",
                cut.Find("[data-testid=admin-host-last-error-docker1]").TextContent.Trim());
            Assert.Empty(cut.FindAll("[data-testid=admin-host-last-error-docker2]"));
        }, Patience);
    }

    [Fact]
    public void AgentCommand_NewToken_TokenInARootOnlyFileNeverOnTheCommandLine()
    {
        var cut = Context.Render<AgentCommand>(p => p
            .Add(c => c.Host, "docker1")
            .Add(c => c.Token, "T0K")
            .Add(c => c.Origin, "http://10.20.30.1:5080"));

        foreach (var id in new[] { "admin-agent-command", "admin-agent-command-lab" })
        {
            var text = cut.Find($"[data-testid={id}]").TextContent;
            Assert.Contains("printf '%s\\n' 'T0K' | install -D -m 600 /dev/stdin /etc/portal-agent/", text);
            Assert.Contains("--token-file /etc/portal-agent/", text);
            Assert.DoesNotContain("--token ", text);
            Assert.DoesNotContain("--host", text);
        }
    }
}
