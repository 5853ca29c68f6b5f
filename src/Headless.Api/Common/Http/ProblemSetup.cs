using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Headless.Api.Common.Http;

/// <summary>
/// Every error leaves as RFC 9457 <c>application/problem+json</c>: bodiless status codes through the status code
/// pages, bad requests that the framework detects (malformed JSON, wrong content type) through
/// <see cref="BadRequestExceptionHandler"/>, and bugs as a 500 without internals.
/// </summary>
public static partial class ProblemSetup
{
    public static IServiceCollection AddProblems(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            // The request id (Common/Observability/RequestLogging), also answered in X-Request-Id and written in the request log.
            context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier;
            context.ProblemDetails.Detail ??= context.ProblemDetails.Status switch
            {
                StatusCodes.Status404NotFound => "There is no such resource here, or it is a draft and the request has no editor or admin key.",
                StatusCodes.Status405MethodNotAllowed => "This resource does not take that method; see Allow.",
                StatusCodes.Status415UnsupportedMediaType => "The request body must be JSON, sent with Content-Type: application/json.",
                _ => null,
            };
            if (context.ProblemDetails.Status == StatusCodes.Status500InternalServerError)
            {
                context.ProblemDetails.Detail = "An unexpected error occurred. It has been logged; quote the traceId when reporting it.";
            }
        });
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        // Malformed JSON, a missing body or the wrong content type become exceptions the handler above explains.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services;
    }

    public static WebApplication UseProblems(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = ex => ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
            SuppressDiagnosticsCallback = context => context.Exception is BadHttpRequestException,
        });
        app.UseStatusCodePages();
        return app;
    }

    /// <summary>Answers the framework's <see cref="BadHttpRequestException"/> with a problem that says what was wrong and where.</summary>
    internal sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            if (exception is not BadHttpRequestException bad)
            {
                return false;
            }

            var problem = new ProblemDetails
            {
                Status = bad.StatusCode,
                Title = bad.StatusCode switch
                {
                    StatusCodes.Status415UnsupportedMediaType => "Unsupported media type",
                    StatusCodes.Status413PayloadTooLarge => "Request body too large",
                    _ => "Bad request",
                },
                Detail = Describe(bad),
            };
            if (FindJsonException(bad) is { } json)
            {
                problem.Extensions["jsonPath"] = json.Path ?? "$";
            }

            httpContext.Response.StatusCode = bad.StatusCode;
            return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
        }

        private static string Describe(BadHttpRequestException bad)
        {
            if (bad.StatusCode == StatusCodes.Status415UnsupportedMediaType)
            {
                return "The request body must be JSON, sent with Content-Type: application/json.";
            }

            if (FindJsonException(bad) is { } json)
            {
                var path = json.Path ?? "$";
                var message = json.Message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal)
                    ? "this property is not part of the operation's body; see its schema for the properties it takes."
                    : json.Message.Contains("could not be converted to", StringComparison.Ordinal)
                        ? "the value has the wrong type, or is not one of the allowed values."
                        : LocationSuffix().Replace(json.Message, string.Empty);
                var line = (json.LineNumber ?? 0) + 1;
                var position = (json.BytePositionInLine ?? 0) + 1;
                return $"The request body is not valid at {path} (line {line}, position {position}): {message}";
            }

            return bad.Message;
        }

        private static JsonException? FindJsonException(Exception exception)
        {
            for (var current = exception.InnerException; current is not null; current = current.InnerException)
            {
                if (current is JsonException json)
                {
                    return json;
                }
            }

            return null;
        }
    }

    [GeneratedRegex(@"\s*Path: .*$", RegexOptions.Singleline)]
    private static partial Regex LocationSuffix();
}
