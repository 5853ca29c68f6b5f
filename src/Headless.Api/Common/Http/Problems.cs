namespace Headless.Api.Common.Http;

/// <summary>Problems that several features answer the same way.</summary>
public static class Problems
{
    /// <summary>409: another resource of the kind already has the slug.</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult SlugTaken(string kind, string? slug) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict,
        title: "Slug taken",
        detail: $"Another {kind} already has the slug '{slug}'. Choose another slug.",
        extensions: new Dictionary<string, object?> { ["slug"] = slug });
}
