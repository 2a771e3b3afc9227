using Microsoft.AspNetCore.Diagnostics;

namespace Portal.Server.Api;

/// <summary>
/// A request the server could not read (a body that is not JSON or not of the expected shape, a value that does not
/// bind, a body over the size limit) is the caller's fault: its own 4xx as a ProblemDetails, not a 500. Minimal APIs
/// throw <see cref="BadHttpRequestException"/> for these in Development, and Kestrel throws it in any environment
/// when a body breaks its limits while being read.
/// </summary>
internal sealed class BadRequestProblems(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad || httpContext.Response.HasStarted)
        {
            return false;
        }

        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = bad.StatusCode,
                Title = "The request could not be read",
                Detail = bad.Message,
            },
        });
    }
}
