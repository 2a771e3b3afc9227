using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Portal.Contracts.Agent;

namespace Portal.Host.Agent;

/// <summary>
/// Which host this agent is: the server takes it from the token and says so in answer to the
/// <see cref="AgentHubMethods.Hello"/> that opens every connection. A <c>--host</c> given on the command line is only
/// a claim the server checks.
/// </summary>
public sealed class HostIdentity(string? claimed)
{
    /// <summary>The host the server confirmed; null before the first confirmation.</summary>
    public string? Host { get; private set; }

    /// <summary>Says hello on a started connection; throws <see cref="AgentRefusedException"/> when the server refuses.</summary>
    public async Task<string> ConfirmAsync(HubConnection connection, CancellationToken cancellationToken)
    {
        AgentWelcome welcome;
        try
        {
            welcome = await connection.InvokeAsync<AgentWelcome>(AgentHubMethods.Hello, new AgentHello(claimed, AgentProtocol.Current), cancellationToken);
        }
        catch (HubException e)
        {
            throw new AgentRefusedException(Reason(e.Message));
        }

        if (Host is not null && !string.Equals(Host, welcome.Host, StringComparison.OrdinalIgnoreCase))
        {
            // A token cannot move to another host; an agent that already writes history as one host must not go on as another.
            throw new AgentRefusedException($"the server now says this token is for host '{welcome.Host}', not '{Host}'");
        }

        Host = welcome.Host;
        return welcome.Host;
    }

    /// <summary>The server's own words: SignalR prefixes a hub's refusal with where it happened.</summary>
    private static string Reason(string message)
    {
        const string marker = "HubException: ";
        var at = message.IndexOf(marker, StringComparison.Ordinal);
        return at < 0 ? message : message[(at + marker.Length)..];
    }
}
