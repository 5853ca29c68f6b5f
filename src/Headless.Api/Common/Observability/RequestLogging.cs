using System.Diagnostics;
using Headless.Api.Common.Auth;

namespace Headless.Api.Common.Observability;

/// <summary>
/// Gives every request an id, answered in <c>X-Request-Id</c> and used as <see cref="HttpContext.TraceIdentifier"/> (so
/// problems carry it as their <c>traceId</c>), and writes one log line per request: method, route pattern, status,
/// duration, request id and key id. Never the key itself: no header values are logged.
/// </summary>
public static partial class RequestLogging
{
    public const string HeaderName = "X-Request-Id";

    /// <summary>The log category of the request lines (<c>Logging:LogLevel:Headless.Requests</c> turns them down).</summary>
    public const string Category = "Headless.Requests";

    public const int MaxIncomingLength = 100;

    /// <summary>Runs first, so it sees the final status of every answer, problems from the exception handler included.</summary>
    public static WebApplication UseRequestLogging(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(Category);
        app.Use(async (context, next) =>
        {
            var requestId = IsSane(context.Request.Headers[HeaderName]) ? context.Request.Headers[HeaderName].ToString() : NewId();
            context.TraceIdentifier = requestId;
            // The exception handler clears the headers of a failed response, so the header goes on when the answer starts.
            context.Response.OnStarting(static state =>
            {
                var http = (HttpContext)state;
                http.Response.Headers[HeaderName] = http.TraceIdentifier;
                return Task.CompletedTask;
            }, context);

            var started = Stopwatch.GetTimestamp();
            try
            {
                await next(context);
            }
            finally
            {
                var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";
                var keyId = context.User.FindFirst(KeyClaims.KeyId)?.Value
                    ?? (context.User.Identity?.IsAuthenticated == true ? "config-admin" : "anonymous");
                LogRequest(logger, context.Request.Method, route, context.Response.StatusCode,
                    Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 2), requestId, keyId);
            }
        });
        return app;
    }

    /// <summary>An incoming id is kept when it is 1 to 100 characters of letters, digits, '-', '_' and '.'.</summary>
    internal static bool IsSane(Microsoft.Extensions.Primitives.StringValues values)
    {
        if (values.Count != 1 || values[0] is not { Length: > 0 and <= MaxIncomingLength } value)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    private static string NewId() => Guid.NewGuid().ToString("N");

    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "{Method} {Route} answered {Status} in {DurationMs} ms (request {RequestId}, key {KeyId})")]
    private static partial void LogRequest(ILogger logger, string method, string route, int status, double durationMs, string requestId, string keyId);
}
