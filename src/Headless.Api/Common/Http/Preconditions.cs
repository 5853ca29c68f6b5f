using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Headless.Api.Common.Http;

/// <summary>A response that carries a strong ETag derived from its id and version.</summary>
public interface IHasETag
{
    /// <summary>The quoted entity tag, such as <c>"article-12-3"</c>.</summary>
    string ETag { get; }
}

/// <summary>What an <c>If-Match</c> header allows: any current version (<c>*</c>) or the listed ones.</summary>
public sealed record IfMatch(bool Any, IReadOnlyList<long> Versions)
{
    /// <summary>Any version: for writes that are not conditional (creation, the scheduler).</summary>
    public static readonly IfMatch AnyVersion = new(true, []);

    /// <summary>No version: what a missing header amounts to, so the store still tells 404 from 428.</summary>
    public static readonly IfMatch NoVersion = new(false, []);

    public bool Allows(long version) => Any || Versions.Contains(version);
}

/// <summary>Marks an operation that needs (or, for POST actions, honours) <c>If-Match</c>, for the OpenAPI document.</summary>
public sealed record IfMatchMetadata(bool Required);

/// <summary>
/// Strong ETags from a resource kind, id and version (<c>"article-12-3"</c>), and the conditional-request rules of
/// every write: <c>If-Match</c> missing is 428, stale is 412 with the current ETag; only a matching one applies.
/// </summary>
public static class Preconditions
{
    public static string ETag(string kind, long id, long version) =>
        string.Create(CultureInfo.InvariantCulture, $"\"{kind}-{id}-{version}\"");

    /// <summary>Reads <c>If-Match</c> for a resource; null when the header is absent.</summary>
    public static IfMatch? ReadIfMatch(HttpRequest request, string kind, long id)
    {
        var values = request.Headers.IfMatch;
        if (values.Count == 0 || values.All(string.IsNullOrWhiteSpace))
        {
            return null;
        }

        if (!EntityTagHeaderValue.TryParseList(values, out var tags))
        {
            return new IfMatch(false, []);
        }

        if (tags.Any(t => t.Equals(EntityTagHeaderValue.Any)))
        {
            return new IfMatch(true, []);
        }

        var prefix = $"\"{kind}-{id.ToString(CultureInfo.InvariantCulture)}-";
        var versions = new List<long>();
        foreach (var tag in tags.Where(t => !t.IsWeak))
        {
            var text = tag.Tag.Value ?? string.Empty;
            // A read with a query answers "article-12-3;<hash>" (the same version in another representation).
            var end = text.StartsWith(prefix, StringComparison.Ordinal) ? text.IndexOfAny([';', '"'], prefix.Length) : -1;
            if (end > prefix.Length
                && long.TryParse(text.AsSpan(prefix.Length, end - prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                versions.Add(version);
            }
        }

        return new IfMatch(false, versions);
    }

    /// <summary>
    /// The problem for a write whose version did not match: 428 when the request had no <c>If-Match</c>, else 412 with
    /// the current ETag. (A missing header is tried as matching no version, so a missing resource is still a 404.)
    /// </summary>
    public static ProblemHttpResult Problem(IfMatch? ifMatch, HttpContext context, string kind, long id, long currentVersion) =>
        ifMatch is null ? Required(kind) : Failed(context, kind, id, currentVersion);

    /// <summary>A DELETE under the request's If-Match: 204, 404, 428 or 412.</summary>
    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> DeleteAsync(
        HttpContext context, string kind, long id, Func<IfMatch, Task<Database.WriteResult>> delete)
    {
        var ifMatch = ReadIfMatch(context.Request, kind, id);
        var result = await delete(ifMatch ?? IfMatch.NoVersion);
        return result.Outcome switch
        {
            Database.WriteOutcome.Saved => TypedResults.NoContent(),
            Database.WriteOutcome.NotFound => TypedResults.NotFound(),
            _ => Problem(ifMatch, context, kind, id, result.Version),
        };
    }

    /// <summary>428: the write needs <c>If-Match</c>.</summary>
    public static ProblemHttpResult Required(string kind) => TypedResults.Problem(
        statusCode: StatusCodes.Status428PreconditionRequired,
        title: "Precondition required",
        detail: $"This write needs an If-Match header with the {kind}'s current ETag (from its GET), so that it cannot overwrite a change it has not seen.");

    /// <summary>412: the <c>If-Match</c> does not name the current version; the current ETag goes in the response.</summary>
    public static ProblemHttpResult Failed(HttpContext context, string kind, long id, long currentVersion)
    {
        var current = ETag(kind, id, currentVersion);
        context.Response.Headers.ETag = current;
        return TypedResults.Problem(
            statusCode: StatusCodes.Status412PreconditionFailed,
            title: "Precondition failed",
            detail: $"The {kind} has changed since that ETag: its current ETag is {current}. Read it again, reapply your change and retry.",
            extensions: new Dictionary<string, object?> { ["currentETag"] = current });
    }

    /// <summary>Requires <c>If-Match</c> on the operation (documented as a required header, with 412 and 428).</summary>
    public static RouteHandlerBuilder RequireIfMatch(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(new IfMatchMetadata(Required: true));

    /// <summary>Honours an optional <c>If-Match</c> on the operation (documented, with 412).</summary>
    public static RouteHandlerBuilder HonourIfMatch(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(new IfMatchMetadata(Required: false));
}
