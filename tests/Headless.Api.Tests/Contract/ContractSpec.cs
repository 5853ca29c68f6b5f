using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Headless.Api.Tests.Platform;

namespace Headless.Api.Tests.Contract;

/// <summary>One operation of the spec: <c>GET /v1/articles/{id}</c>.</summary>
public sealed record SpecOperation(string Method, string PathTemplate, JsonObject Operation, Regex Pattern, int LiteralSegments)
{
    public string Name => $"{Method} {PathTemplate}";

    /// <summary>The roles of the operation's <c>x-roles</c>; empty when it is open to everyone.</summary>
    public IReadOnlyList<string> Roles => Operation["x-roles"]?.AsArray().Select(r => r!.GetValue<string>()).ToList() ?? [];
}

/// <summary>
/// The committed contract, <c>api-spec/openapi.json</c> (which <see cref="OpenApiDocumentTests"/> keeps equal to the
/// served document), read as its operations, and the check of one HTTP exchange against it.
/// </summary>
public sealed class ContractSpec
{
    private ContractSpec(JsonNode document)
    {
        Document = document;
        Validator = new OpenApiSchemaValidator(document);
        var operations = new List<SpecOperation>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                if (method is "parameters" or "summary" or "description" or "servers")
                {
                    continue;
                }

                var segments = path.Trim('/').Split('/');
                var pattern = "^/" + string.Join('/', segments.Select(s => s.StartsWith('{') ? "[^/]+" : Regex.Escape(s))) + "$";
                operations.Add(new SpecOperation(method.ToUpperInvariant(), path, operation!.AsObject(), new Regex(pattern), segments.Count(s => !s.StartsWith('{'))));
            }
        }

        Operations = operations;
    }

    public JsonNode Document { get; }

    public OpenApiSchemaValidator Validator { get; }

    public IReadOnlyList<SpecOperation> Operations { get; }

    public static ContractSpec Load() =>
        new(JsonNode.Parse(File.ReadAllText(Path.Combine(OpenApiDocumentTests.RepositoryRoot(), "api-spec", "openapi.json")))!);

    /// <summary>
    /// The operation a request path answers to: of the templates that match, the one with the most literal segments
    /// (<c>/v1/articles/slug/{slug}</c> before <c>/v1/articles/{id}</c>), as the router decides.
    /// </summary>
    public SpecOperation? Find(string method, string path) =>
        Operations.Where(o => o.Method == method && o.Pattern.IsMatch(path)).MaxBy(o => o.LiteralSegments);

    /// <summary>
    /// Checks one response against what <paramref name="operation"/> documents: its status (or <c>default</c>), its
    /// Content-Type (a documented media type, or no body where none is documented), and its body: JSON against the media
    /// type's schema, XML for being well formed. Answers the violations, each naming the operation and the status.
    /// </summary>
    public List<string> Check(SpecOperation operation, HttpStatusCode status, string? mediaType, string body, SparseFieldset? sparse = null)
    {
        var code = ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var where = $"{operation.Name} → {code}";
        var responses = operation.Operation["responses"]!.AsObject();
        var response = responses[code] ?? responses["default"];
        if (response is null)
        {
            return [$"{where}: the status is not documented (documented: {string.Join(", ", responses.Select(r => r.Key))}); body: {Truncate(body)}"];
        }

        var content = response["content"]?.AsObject();
        if (content is null || content.Count == 0)
        {
            return body.Length == 0 && mediaType is null
                ? []
                : [$"{where}: no body is documented, but the response has one ({mediaType ?? "no Content-Type"}): {Truncate(body)}"];
        }

        if (mediaType is null || content[mediaType] is not { } media)
        {
            return [$"{where}: Content-Type '{mediaType ?? "(none)"}' is not documented (documented: {string.Join(", ", content.Select(c => c.Key))}); body: {Truncate(body)}"];
        }

        if (mediaType.EndsWith("json", StringComparison.Ordinal))
        {
            JsonNode? json;
            try
            {
                json = JsonNode.Parse(body);
            }
            catch (System.Text.Json.JsonException e)
            {
                return [$"{where}: the {mediaType} body is not JSON ({e.Message}): {Truncate(body)}"];
            }

            return media["schema"] is { } schema
                ? Validator.Validate(schema, json, sparse: sparse).Select(error => $"{where} ({mediaType}): {error}").ToList()
                : [$"{where}: {mediaType} is documented without a schema"];
        }

        if (mediaType.EndsWith("xml", StringComparison.Ordinal))
        {
            try
            {
                XDocument.Parse(body);
            }
            catch (System.Xml.XmlException e)
            {
                return [$"{where}: the {mediaType} body is not well-formed XML ({e.Message})"];
            }
        }

        return [];
    }

    /// <summary>
    /// The sparse fieldset a request asks for with <c>fields=</c>, where the operation documents that parameter: it trims
    /// articles (<c>ArticleResponse</c>) to the fields named, which OpenAPI 3.0 cannot say in a schema (its
    /// <c>required</c> is not conditional), so the check takes it from the request.
    /// </summary>
    public static SparseFieldset? SparseFieldsetOf(SpecOperation operation, Uri uri)
    {
        var documented = operation.Operation["parameters"]?.AsArray().Any(p => p!["name"]?.GetValue<string>() == "fields" && p["in"]?.GetValue<string>() == "query") == true;
        var fields = System.Web.HttpUtility.ParseQueryString(uri.Query)["fields"];
        return documented && !string.IsNullOrEmpty(fields)
            ? new SparseFieldset("#/components/schemas/ArticleResponse", fields.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal))
            : null;
    }

    private static string Truncate(string body) => body.Length > 300 ? body[..300] + "…" : body;
}
