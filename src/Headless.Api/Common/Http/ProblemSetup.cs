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
        // After the default writer, so it answers whatever the request's Accept says (see AnyAcceptProblemWriter).
        services.AddSingleton<IProblemDetailsWriter, AnyAcceptProblemWriter>();
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
        app.Use(RejectUnknownCharset);
        return app;
    }

    /// <summary>
    /// A body in a charset .NET does not know (<c>application/json; charset=bogus</c>) makes the framework's JSON reader
    /// throw an InvalidOperationException, a 500; it is a 415, said before the endpoint reads the body. Only for endpoints
    /// that take a body: elsewhere the body is not read, so its charset does not matter.
    /// </summary>
    private static async Task RejectUnknownCharset(HttpContext context, RequestDelegate next)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>() is not null
            && Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type)
            && Microsoft.Net.Http.Headers.HeaderUtilities.RemoveQuotes(type.Charset).ToString() is { Length: > 0 } charset
            && !IsKnownEncoding(charset))
        {
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status415UnsupportedMediaType,
                    Title = "Unsupported media type",
                    Detail = $"The body's charset '{charset}' is not one this API reads; send JSON as UTF-8.",
                },
            });
            return;
        }

        await next(context);
    }

    private static bool IsKnownEncoding(string charset)
    {
        try
        {
            System.Text.Encoding.GetEncoding(charset);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>
    /// Writes a problem the default writer declined because the request's <c>Accept</c> names no JSON type
    /// (<c>text/html</c>, <c>application/xml</c>): an error is <c>application/problem+json</c> whatever was asked for, as
    /// documented. Without it the status code pages answered such a request's 404 in text/plain, a bad request with an
    /// empty body, and a rejected key (which writes its problem unconditionally) with an empty 500.
    /// </summary>
    internal sealed class AnyAcceptProblemWriter(IServiceProvider services) : IProblemDetailsWriter
    {
        public bool CanWrite(ProblemDetailsContext context) => true;

        // The default writer's WriteAsync does not look at Accept (only its CanWrite does), and applies the defaults and
        // CustomizeProblemDetails as for every other problem. Resolved late: it is one of the writers this is among.
        public ValueTask WriteAsync(ProblemDetailsContext context) =>
            services.GetServices<IProblemDetailsWriter>().First(writer => writer is not AnyAcceptProblemWriter).WriteAsync(context);
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
