using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Headless.Api.Common.Limits;

/// <summary><c>Headless:Limits</c>: the largest request body and the longest URL the API reads.</summary>
public sealed class RequestLimitOptions
{
    // 8 MB: an article body may be 1 MB of UTF-8, which a client escaping non-ASCII as \uXXXX (.NET's default) sends as up to 6 MB.
    public long MaxBodyBytes { get; set; } = 8 * 1024 * 1024;

    public int MaxUrlLength { get; set; } = 8 * 1024;
}

/// <summary>
/// A body over <see cref="RequestLimitOptions.MaxBodyBytes"/> is a 413 problem, a URL (path and query) over
/// <see cref="RequestLimitOptions.MaxUrlLength"/> a 414 problem. Kestrel enforces the body size on streamed bodies too
/// (its 413 becomes a problem through the exception handler); its request line limit is set above the URL limit so
/// that the API, not Kestrel's bare 414, answers. JSON nesting deeper than 32 is a 400 (JsonSetup's MaxDepth).
/// </summary>
public static class RequestLimits
{
    public static IServiceCollection AddRequestLimits(this IServiceCollection services)
    {
        services.AddOptions<RequestLimitOptions>().BindConfiguration("Headless:Limits")
            .Validate(o => o.MaxBodyBytes > 0 && o.MaxUrlLength > 0, "Headless:Limits: MaxBodyBytes and MaxUrlLength must be positive.").ValidateOnStart();
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<RequestLimitOptions>>((kestrel, limits) =>
        {
            kestrel.Limits.MaxRequestBodySize = limits.Value.MaxBodyBytes;
            kestrel.Limits.MaxRequestLineSize = Math.Max(kestrel.Limits.MaxRequestLineSize, limits.Value.MaxUrlLength + 1024);
        });
        return services;
    }

    public static WebApplication UseRequestLimits(this WebApplication app)
    {
        var limits = app.Services.GetRequiredService<IOptions<RequestLimitOptions>>().Value;
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            var urlLength = request.PathBase.Value!.Length + request.Path.Value!.Length + request.QueryString.Value!.Length;
            if (urlLength > limits.MaxUrlLength)
            {
                await WriteAsync(context, StatusCodes.Status414UriTooLong, "URL too long",
                    $"The URL (path and query) is {urlLength} characters long; the most this API reads is {limits.MaxUrlLength}.");
                return;
            }

            if (request.ContentLength > limits.MaxBodyBytes)
            {
                await WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Request body too large",
                    $"The request body is {request.ContentLength} bytes; the most this API reads is {limits.MaxBodyBytes}.");
                return;
            }

            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
            {
                bodySize.MaxRequestBodySize = limits.MaxBodyBytes;
            }

            await next(context);
        });
        return app;
    }

    private static async Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }

}
