using System.Net;
using System.Text.Json;
using Docker.DotNet;

namespace Portal.Host.Commands;

/// <summary>
/// Turns the engine's refusals into the contract's statuses with Docker's own message: 404 when something is not
/// there, 409 for conflicts (a name or endpoint that exists, a host port already taken, a network still in use),
/// 502 for everything else Docker refused.
/// </summary>
public static class DockerRefusals
{
    public static CommandRefusal From(DockerApiException e, string doing)
    {
        var message = Message(e);
        var status = e.StatusCode switch
        {
            HttpStatusCode.NotFound => 404,
            HttpStatusCode.Conflict => 409,
            _ when IsConflict(message) => 409,
            _ => 502,
        };
        return new CommandRefusal(status, $"{doing}: {message}", e);
    }

    /// <summary>The daemon answers errors as {"message": "..."}; the exception text wraps it in status noise.</summary>
    public static string Message(DockerApiException e)
    {
        if (!string.IsNullOrWhiteSpace(e.ResponseBody))
        {
            try
            {
                using var body = JsonDocument.Parse(e.ResponseBody);
                if (body.RootElement.ValueKind == JsonValueKind.Object
                    && body.RootElement.TryGetProperty("message", out var text)
                    && text.ValueKind == JsonValueKind.String)
                {
                    return text.GetString()!.Trim();
                }
            }
            catch (JsonException)
            {
                // Not JSON: the body itself is the message.
            }

            return e.ResponseBody.Trim();
        }

        return e.Message;
    }

    private static bool IsConflict(string message) =>
        message.Contains("already exists", StringComparison.OrdinalIgnoreCase)
        || message.Contains("already allocated", StringComparison.OrdinalIgnoreCase)
        || message.Contains("address already in use", StringComparison.OrdinalIgnoreCase)
        || message.Contains("has active endpoints", StringComparison.OrdinalIgnoreCase)
        || message.Contains("is already in use", StringComparison.OrdinalIgnoreCase);
}
