using System.Text.Json;
using FluentValidation;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Headless.Api.Common.Http;

/// <summary>
/// JSON Merge Patch (RFC 7396) for <c>PATCH</c>: the patch is merged onto the resource's current request shape, and
/// the result goes through the same validation as a <c>PUT</c>. Only <c>application/merge-patch+json</c> is taken.
/// </summary>
public static class MergePatch
{
    public const string MediaType = "application/merge-patch+json";

    /// <summary>Reads the patch document: 415 for another media type, 400 for JSON that is not an object.</summary>
    public static async Task<(JsonObject? Patch, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (!string.Equals(request.ContentType?.Split(';')[0].Trim(), MediaType, StringComparison.OrdinalIgnoreCase))
        {
            return (null, TypedResults.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported media type",
                detail: $"PATCH takes a JSON Merge Patch (RFC 7396) sent with Content-Type: {MediaType}."));
        }

        try
        {
            // A name twice ({"headline":"x","headline":"y"}) is refused here: JsonObject would throw an ArgumentException
            // (a 500) on first use, and which one a merge should apply is anyone's guess.
            var node = await JsonNode.ParseAsync(request.Body, documentOptions: new JsonDocumentOptions { MaxDepth = 32, AllowDuplicateProperties = false }, cancellationToken: ct);
            return node is JsonObject patch
                ? (patch, null)
                : (null, BadPatch("$", "A merge patch must be a JSON object."));
        }
        catch (JsonException ex)
        {
            return (null, BadPatch(ex.Path ?? "$", $"The patch is not valid JSON (line {(ex.LineNumber ?? 0) + 1}, position {(ex.BytePositionInLine ?? 0) + 1})."));
        }
    }

    /// <summary>
    /// Applies <paramref name="patch"/> to <paramref name="current"/> and reads the result back as <typeparamref name="T"/>
    /// with the API's JSON rules (unknown properties refused).
    /// </summary>
    public static (T? Result, ProblemHttpResult? Problem) Apply<T>(T current, JsonObject patch, JsonSerializerOptions options)
        where T : class
    {
        var target = JsonSerializer.SerializeToNode(current, options) ?? new JsonObject();
        var merged = Merge(target, patch);
        try
        {
            return (merged.Deserialize<T>(options), null);
        }
        catch (JsonException ex)
        {
            var message = ex.Message.Contains("could not be mapped", StringComparison.Ordinal)
                ? "this property is not part of the resource."
                : "the value has the wrong type, or is not one of the allowed values.";
            return (null, BadPatch(ex.Path ?? "$", $"The patched resource is not valid at {ex.Path ?? "$"}: {message}"));
        }
    }

    /// <summary>
    /// A whole PATCH: reads the patch, merges it onto the current state (404 when there is none), validates the result
    /// like a replace, and saves it with <paramref name="save"/> (which applies the request's If-Match).
    /// </summary>
    public static async Task<Results<Ok<TResponse>, NotFound, ValidationProblem, ProblemHttpResult>> HandleAsync<TRequest, TResponse>(
        HttpRequest request,
        Func<Task<TRequest?>> current,
        IValidator<TRequest> validator,
        Func<TRequest, Task<Results<Ok<TResponse>, NotFound, ProblemHttpResult>>> save,
        CancellationToken ct)
        where TRequest : class
    {
        var (patch, problem) = await ReadAsync(request, ct);
        if (problem is not null)
        {
            return problem;
        }

        if (await current() is not { } state)
        {
            return TypedResults.NotFound();
        }

        var (patched, patchProblem) = Apply(state, patch!, JsonSetup.Options);
        if (patchProblem is not null)
        {
            return patchProblem;
        }

        var validation = await validator.ValidateAsync(patched!, ct);
        if (!validation.IsValid)
        {
            return Validation.ValidationSetup.Problem(validation);
        }

        return (await save(patched!)).Result switch
        {
            Ok<TResponse> ok => ok,
            NotFound notFound => notFound,
            ProblemHttpResult other => other,
            var unexpected => throw new InvalidOperationException($"Unexpected result {unexpected}."),
        };
    }

    /// <summary>RFC 7396 section 2: objects merge member by member, null removes, anything else replaces.</summary>
    public static JsonNode? Merge(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target is JsonObject targetObject ? (JsonObject)targetObject.DeepClone() : new JsonObject();
        foreach (var (name, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(name);
            }
            else
            {
                result[name] = Merge(result[name], value);
            }
        }

        return result;
    }

    private static ProblemHttpResult BadPatch(string path, string detail) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "Bad request",
        detail: detail,
        extensions: new Dictionary<string, object?> { ["jsonPath"] = path });
}
