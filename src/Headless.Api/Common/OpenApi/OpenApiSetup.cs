using System.Text.Json;
using System.Text.Json.Nodes;
using Headless.Api.Common.Auth;
using Headless.Api.Common.Http;
using Headless.Api.Common.Validation;
using Headless.Api.Features.Keys;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Headless.Api.Common.OpenApi;

/// <summary>
/// The OpenAPI document (OpenAPI 3.0, Swashbuckle) comes from code: operation ids from <c>WithName</c>, summaries and
/// descriptions from the handlers' XML docs, responses from the typed results, and the rest from the filters here.
/// </summary>
public static class OpenApiSetup
{
    public const string DocumentName = "v1";
    public const string ApiKeyScheme = "ApiKey";
    public const string BearerScheme = "Bearer";

    public static IServiceCollection AddOpenApiDocument(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc(DocumentName, new OpenApiInfo
            {
                Title = "Headless content API",
                Version = "v1",
                Description = """
                    News content (articles, the quotes inside them with who said them, tags and related links) as JSON.

                    Reads of published content are open to everyone. Writes, and reads of drafts, need an API key in the
                    `X-Api-Key` header (use **Authorize**). Errors are RFC 9457 `application/problem+json`; a 400 for a field
                    names it in `errors` with camelCase keys. Lists answer `{ "data": [...], "page": { "limit", "next" } }`:
                    pass `page.next` back as `cursor` for the next page (also in the `Link` header).
                    """,
            });
            options.IncludeXmlComments(Path.Combine(AppContext.BaseDirectory, $"{typeof(Program).Assembly.GetName().Name}.xml"), includeControllerXmlComments: true);
            options.SupportNonNullableReferenceTypes();
            options.NonNullableReferenceTypesAsRequired();
            options.UseAllOfToExtendReferenceSchemas();
            options.AddSecurityDefinition(ApiKeyScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyHandler.HeaderName,
                Description = "An API key (`hl_…`) in the `X-Api-Key` header. Each operation's `x-roles` names the roles whose keys it accepts.",
            });
            options.AddSecurityDefinition(BearerScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "The same API key as a bearer token: `Authorization: Bearer hl_…`.",
            });
            options.AddServer(new OpenApiServer
            {
                Url = "/",
                Description = "The host that serves this document, in every environment (production, staging, local development).",
                Extensions = new Dictionary<string, IOpenApiExtension> { ["x-internal"] = new JsonNodeExtension(JsonValue.Create(false)) },
            });
            options.OperationFilter<ResponsesOperationFilter>();
            options.OperationFilter<ParameterExamplesOperationFilter>();
            options.SchemaFilter<ContractSchemaFilter>();
            options.SchemaFilter<ValidationLimits.SchemaFilter>();
            options.OperationFilter<ValidationLimits.OperationFilter>();
            options.DocumentFilter<TagsAndNullableReferencesDocumentFilter>();
        });
        return services;
    }

    public static WebApplication UseOpenApiDocument(this WebApplication app)
    {
        app.UseSwagger();
        app.UseSwaggerUI(options =>
        {
            options.SwaggerEndpoint($"/swagger/{DocumentName}/swagger.json", "Headless content API v1");
            options.DocumentTitle = "Headless content API";
            options.EnablePersistAuthorization();
            options.DisplayOperationId();
            options.EnableTryItOutByDefault();
        });
        app.MapGet("/", () => TypedResults.Redirect("/swagger")).ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// Adds the answers the typed results cannot declare: 400 for validated input and unknown query parameters,
    /// 401/403 and the security requirement for protected operations, 415 for JSON bodies, and a problem+json body on
    /// every error response.
    /// </summary>
    internal sealed class ResponsesOperationFilter : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
            operation.Responses ??= [];
            var validated = metadata.OfType<ValidatedMetadata>().Any();
            var isApi = context.ApiDescription.RelativePath?.StartsWith("v1/", StringComparison.Ordinal) == true;
            if (validated || isApi)
            {
                Add(operation, "400", validated
                    ? "The request is not valid: a field problem (with `errors`), malformed JSON, or an unknown query parameter."
                    : "Bad request: an unknown query parameter, or a malformed value.", validated ? typeof(HttpValidationProblemDetails) : typeof(ProblemDetails), context);
            }

            var policies = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).OfType<string>().Distinct().ToList();
            operation.Security ??= [];
            if (policies.Count > 0)
            {
                var roles = policies.Select(Policies.RolesOf).Aggregate((a, b) => a.Intersect(b).ToList());
                operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
                operation.Extensions["x-roles"] = new JsonNodeExtension(new JsonArray(roles.Select(r => (JsonNode)JsonValue.Create(r)!).ToArray()));
                operation.Security.Add(Requirement(ApiKeyScheme, context));
                operation.Security.Add(Requirement(BearerScheme, context));
                Add(operation, "401", "No API key, or one that is not valid or revoked (see `WWW-Authenticate`).", typeof(ProblemDetails), context);
                Add(operation, "403", $"The API key's role may not do this: it needs {string.Join(" or ", roles)}.", typeof(ProblemDetails), context);
            }
            else if (isApi)
            {
                // Open to everyone; a key is optional and lets editors and admins read drafts.
                operation.Security.Add(new OpenApiSecurityRequirement());
                operation.Security.Add(Requirement(ApiKeyScheme, context));
                operation.Security.Add(Requirement(BearerScheme, context));
                Add(operation, "401", "An API key was sent but is not valid (see `WWW-Authenticate`); leave it out to read anonymously.", typeof(ProblemDetails), context);
            }

            if (metadata.OfType<IfMatchMetadata>().FirstOrDefault() is { } ifMatch)
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = "If-Match",
                    In = ParameterLocation.Header,
                    Required = ifMatch.Required,
                    Description = ifMatch.Required
                        ? "The resource's current ETag, from its GET or the last write's response. Required: without it the answer is 428."
                        : "The resource's current ETag; when sent, the operation applies only if it still matches (else 412).",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                    Example = JsonValue.Create("\"article-1-3\""),
                });
                Add(operation, "412", "The If-Match ETag is stale: someone changed the resource first. The response's `ETag` header (and `currentETag`) is the current one.", typeof(ProblemDetails), context);
                if (ifMatch.Required)
                {
                    Add(operation, "428", "The If-Match header is missing.", typeof(ProblemDetails), context);
                }
            }

            var isRead = context.ApiDescription.HttpMethod == "GET" && isApi;
            foreach (var responseType in context.ApiDescription.SupportedResponseTypes.Where(r => r.StatusCode is >= 200 and < 300 && r.Type is not null))
            {
                if (!operation.Responses.TryGetValue(responseType.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture), out var success)
                    || success is not OpenApiResponse concreteSuccess)
                {
                    continue;
                }

                concreteSuccess.Headers ??= new Dictionary<string, IOpenApiHeader>();
                if (isRead)
                {
                    Header(concreteSuccess, "ETag", "Strong ETag of this response (a resource's carries its version for If-Match, and a body hash: `\"article-12-3;9f…\"`); send it back in If-None-Match to get 304.");
                    Header(concreteSuccess, "Last-Modified", "Where one date can tell (a single resource without includes): when it last changed; send it back in If-Modified-Since to get 304.");
                    Header(concreteSuccess, "Cache-Control", "`public, max-age=60, stale-while-revalidate=300` for anonymous reads (configurable); `private, no-store` when read with a key.");
                    Header(concreteSuccess, "Vary", "`Accept-Encoding, X-Api-Key, Authorization`.");
                    Header(concreteSuccess, "Surrogate-Key", "Space-separated keys of what the response contains (e.g. `article-12 tag-3 articles`), for precise CDN purges.");
                    if (typeof(IListPage).IsAssignableFrom(responseType.Type))
                    {
                        Header(concreteSuccess, "Link", "`<…&cursor=…>; rel=\"next\"` when there is a next page.");
                    }
                }
                else if (typeof(IHasETag).IsAssignableFrom(responseType.Type))
                {
                    Header(concreteSuccess, "ETag", "Strong ETag of the resource's new version, for the next If-Match.");
                }
            }

            foreach (var example in metadata.OfType<ResponseExampleMetadata>())
            {
                if (operation.Responses.TryGetValue(example.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture), out var withExample)
                    && withExample is OpenApiResponse { Content: { } content }
                    && content.TryGetValue(example.ContentType, out var media))
                {
                    var text = example.Example();
                    media.Example = example.ContentType.EndsWith("json", StringComparison.Ordinal) ? JsonNode.Parse(text) : JsonValue.Create(text);
                }
            }

            if (isRead && !operation.Responses.ContainsKey("304"))
            {
                operation.Responses["304"] = new OpenApiResponse { Description = "Not modified: the If-None-Match ETag (or If-Modified-Since date) is still current. No body." };
            }

            if (isApi)
            {
                Add(operation, "500", "An unexpected error on the server; the problem carries no internals.", typeof(ProblemDetails), context);
            }

            if (operation.RequestBody is not null)
            {
                Add(operation, "413", "The body is larger than the API reads (8 MB by default).", typeof(ProblemDetails), context);
                Add(operation, "415", "The body is not sent as `application/json`.", typeof(ProblemDetails), context);
            }

            if (isApi)
            {
                Add(operation, "414", "The URL (path and query) is longer than the API reads (8192 characters by default).", typeof(ProblemDetails), context);
                Add(operation, "429", "Too many requests from this API key (or, without a key, this client address) in the current window; retry after `Retry-After` seconds.", typeof(ProblemDetails), context);
                var tooMany = (OpenApiResponse)operation.Responses["429"];
                tooMany.Headers ??= new Dictionary<string, IOpenApiHeader>();
                IntegerHeader(tooMany, "Retry-After", "Seconds to wait before the window resets.", context);
                foreach (var response in operation.Responses.Values.OfType<OpenApiResponse>())
                {
                    response.Headers ??= new Dictionary<string, IOpenApiHeader>();
                    IntegerHeader(response, "RateLimit-Limit", "Requests allowed in the current window for this API key (or client address, without a key).", context);
                    IntegerHeader(response, "RateLimit-Remaining", "Requests left in the current window.", context);
                    IntegerHeader(response, "RateLimit-Reset", "Seconds until the window resets.", context);
                }
            }

            foreach (var (status, response) in operation.Responses)
            {
                if (status.StartsWith('4') && response is OpenApiResponse concrete && (concrete.Content is null || concrete.Content.Count == 0))
                {
                    var type = status == "400" && validated ? typeof(HttpValidationProblemDetails) : typeof(ProblemDetails);
                    concrete.Content = ProblemContent(type, context);
                    if (string.IsNullOrEmpty(concrete.Description) || concrete.Description is "Not Found" or "Conflict" or "Forbidden" or "Bad Request")
                    {
                        concrete.Description = Describe(status);
                    }
                }
                else if (status.StartsWith('4') && response is OpenApiResponse withContent && withContent.Content is not null && withContent.Content.Remove("application/json", out var json))
                {
                    withContent.Content["application/problem+json"] = json;
                }
            }
        }

        private static void Header(OpenApiResponse response, string name, string description) =>
            response.Headers![name] = new OpenApiHeader { Description = description, Schema = new OpenApiSchema { Type = JsonSchemaType.String } };

        // Declared once in components/headers and referenced from every response, which keeps the document readable.
        private static void IntegerHeader(OpenApiResponse response, string name, string description, OperationFilterContext context)
        {
            var components = context.Document.Components ??= new OpenApiComponents();
            components.Headers ??= new Dictionary<string, IOpenApiHeader>();
            components.Headers.TryAdd(name, new OpenApiHeader
            {
                Description = description,
                Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "0", Maximum = "2147483647" },
            });
            response.Headers![name] = new OpenApiHeaderReference(name, context.Document);
        }

        private static OpenApiSecurityRequirement Requirement(string scheme, OperationFilterContext context) =>
            new() { [new OpenApiSecuritySchemeReference(scheme, context.Document)] = [] };

        private static void Add(OpenApiOperation operation, string status, string description, Type type, OperationFilterContext context)
        {
            if (operation.Responses!.ContainsKey(status))
            {
                return;
            }

            operation.Responses[status] = new OpenApiResponse { Description = description, Content = ProblemContent(type, context) };
        }

        private static Dictionary<string, OpenApiMediaType> ProblemContent(Type type, OperationFilterContext context) => new()
        {
            ["application/problem+json"] = new OpenApiMediaType { Schema = context.SchemaGenerator.GenerateSchema(type, context.SchemaRepository) },
        };

        private static string Describe(string status) => status switch
        {
            "400" => "The request is not valid.",
            "403" => "The API key's role may not do this.",
            "404" => "There is no such resource, or it is a draft and the request has no editor or admin key.",
            "409" => "Conflict: the slug is taken, or the resource's state does not allow the operation (the problem says which, and what is allowed).",
            _ => "Client error.",
        };
    }

    /// <summary>Examples for the parameters the operations share.</summary>
    internal sealed class ParameterExamplesOperationFilter : IOperationFilter
    {
        private static readonly Dictionary<string, JsonNode> Examples = new(StringComparer.Ordinal)
        {
            ["id"] = JsonValue.Create(1),
            ["slug"] = JsonValue.Create(OpenApiExamples.ArticleSlug),
            ["limit"] = JsonValue.Create(20),
            ["cursor"] = JsonValue.Create("WyItcHVibGlzaGVkQXQiLCIyMDI2LTExLTIwVDA5OjMwOjAwLjAwMDAwMDBaIiwxXQ.3q2-7wAAAAAAAAAAAAAAAA"),
            ["count"] = JsonValue.Create(true),
            ["tagAll"] = JsonValue.Create("mexico"),
            ["section"] = JsonValue.Create("World"),
            ["byline"] = JsonValue.Create("Headless Demo Desk"),
            ["language"] = JsonValue.Create("en"),
            ["publishedAfter"] = JsonValue.Create("2026-11-01T00:00:00Z"),
            ["publishedBefore"] = JsonValue.Create("2026-12-01T00:00:00Z"),
            ["updatedSince"] = JsonValue.Create("2026-11-20T00:00:00Z"),
            ["hasQuotes"] = JsonValue.Create(true),
            ["sort"] = JsonValue.Create("-publishedAt"),
            ["fields"] = JsonValue.Create("id,slug,headline,publishedAt"),
            ["include"] = JsonValue.Create("tags,quotes,links"),
            ["tag"] = JsonValue.Create("sovereignty"),
            ["status"] = JsonValue.Create("published"),
            ["formats"] = JsonValue.Create("html,text"),
            ["speaker"] = JsonValue.Create("Mexico's President"),
            ["articleId"] = JsonValue.Create(1),
            ["kind"] = JsonValue.Create("inline"),
            ["number"] = JsonValue.Create(2),
            ["q"] = JsonValue.Create("sovereignty"),
            ["type"] = JsonValue.Create("article,quote"),
            ["facets"] = JsonValue.Create("tag,section"),
            ["since"] = JsonValue.Create("WyJjaGFuZ2VzIiw0Ml0.Rk9sX2V4YW1wbGVfX19f"),
            ["types"] = JsonValue.Create("article,tag"),
            ["deliveryId"] = JsonValue.Create(57),
        };

        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>())
            {
                if (parameter.Name is { } name && Examples.TryGetValue(name, out var example))
                {
                    var path = context.ApiDescription.RelativePath ?? "";
                    parameter.Example = (name, path) switch
                    {
                        ("sort", _) when path.StartsWith("v1/tags", StringComparison.Ordinal) => JsonValue.Create("-articleCount"),
                        ("q", "v1/search/suggest") => JsonValue.Create("sov"),
                        ("limit", "v1/search/suggest") => JsonValue.Create(10),
                        ("status", _) when path.EndsWith("/deliveries", StringComparison.Ordinal) => JsonValue.Create("failed"),
                        _ => example.DeepClone(),
                    };
                    // A repeatable parameter (tag=a&tag=b) takes an array example: Swagger UI's Try it out fills the
                    // example in and cannot send a plain string for an array (Execute then never answers).
                    if (parameter.Schema?.Type is { } type && type.HasFlag(JsonSchemaType.Array) && parameter.Example is not JsonArray)
                    {
                        parameter.Example = new JsonArray(parameter.Example);
                    }
                    if (parameter.In == ParameterLocation.Path && string.IsNullOrEmpty(parameter.Description))
                    {
                        parameter.Description = name switch
                        {
                            "slug" => "The slug.",
                            "number" => "The revision number (the article's version after that change).",
                            "deliveryId" => "The delivery's integer id (from the webhook's delivery list).",
                            _ => "The integer id.",
                        };
                    }
                }
            }
        }
    }

    /// <summary>
    /// Realistic examples, from the demo content, on the schemas of requests and responses; and every property of a
    /// response marked required, since responses always carry every field (null where it has no value), except the
    /// few the serialiser leaves out when empty (<c>JsonIgnoreCondition.WhenWritingNull</c>, such as <c>page.total</c>
    /// without <c>count=true</c> or an article's <c>quotes</c> without <c>include=quotes</c>).
    /// </summary>
    internal sealed class ContractSchemaFilter : ISchemaFilter
    {
        private static readonly JsonSerializerOptions Json = CreateJsonOptions();

        public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
        {
            if (schema is not OpenApiSchema concrete)
            {
                return;
            }

            if (OpenApiExamples.For(context.Type) is { } example)
            {
                concrete.Example = JsonSerializer.SerializeToNode(example, context.Type, Json);
            }

            if (IsAlwaysComplete(context.Type) && concrete.Properties is { Count: > 0 } properties)
            {
                // A property left out when null (JsonIgnore WhenWritingNull) is not always there, so it is not required.
                var omittable = context.Type.GetProperties()
                    .Where(p => p.GetCustomAttributes(typeof(System.Text.Json.Serialization.JsonIgnoreAttribute), true)
                        .OfType<System.Text.Json.Serialization.JsonIgnoreAttribute>()
                        .Any(a => a.Condition is System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull or System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault))
                    .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name))
                    .ToHashSet(StringComparer.Ordinal);
                concrete.Required = new SortedSet<string>(properties.Keys.Where(k => !omittable.Contains(k)), StringComparer.Ordinal);
            }

            // A property the serialiser leaves out when it has no value is absent, not null: it cannot be required.
            foreach (var name in OmittedWhenEmpty(context.Type))
            {
                concrete.Required?.Remove(name);
            }

            // A 400 names fields in `errors` only for field problems; malformed JSON and unbindable parameters have none.
            if (context.Type == typeof(HttpValidationProblemDetails))
            {
                concrete.Required?.Remove("errors");
            }
        }

        private static IEnumerable<string> OmittedWhenEmpty(Type type) =>
            type.GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance)
                .Where(p => p.GetCustomAttributes(typeof(System.Text.Json.Serialization.JsonIgnoreAttribute), inherit: true)
                    .OfType<System.Text.Json.Serialization.JsonIgnoreAttribute>()
                    .Any(a => a.Condition is System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull or System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault))
                .Select(p => p.GetCustomAttributes(typeof(System.Text.Json.Serialization.JsonPropertyNameAttribute), inherit: true)
                    .OfType<System.Text.Json.Serialization.JsonPropertyNameAttribute>().FirstOrDefault()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(p.Name));

        private static bool IsAlwaysComplete(Type type) =>
            type != typeof(Features.Articles.ArticleBodyResponse)
            && (type.Name.EndsWith("Response", StringComparison.Ordinal)
                || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ListResponse<>))
                || type == typeof(PageInfo)
                || type == typeof(Features.Tags.TagSummary)
                || type == typeof(Features.Articles.ArticleReference));

        private static JsonSerializerOptions CreateJsonOptions()
        {
            var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
            JsonSetup.Configure(options);
            return options;
        }
    }
}

/// <summary>
/// Describes each tag, and gives a nullable reference (<c>allOf</c> of one <c>$ref</c>) the type of what it refers to,
/// since OpenAPI 3.0 ignores <c>nullable</c> without a sibling <c>type</c>.
/// </summary>
internal sealed class TagsAndNullableReferencesDocumentFilter : IDocumentFilter
{
    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Articles"] = "News articles: list, read by id or slug, create, replace, merge-patch and delete.",
        ["Workflow"] = "An article's editorial workflow: publish, unpublish, schedule, archive and corrections.",
        ["Revisions"] = "An article's saved revisions, and restoring one.",
        ["Quotes"] = "Quotes inside articles, with who said them.",
        ["Links"] = "Related links attached to articles (inline after a paragraph, or at the end).",
        ["Tags"] = "Tags that group articles.",
        ["Related"] = "Articles related to one article, and the articles linking to it.",
        ["Search"] = "Full-text search over articles, quotes and tags, with facets and suggestions.",
        ["Feeds"] = "RSS 2.0, Atom 1.0 and JSON Feed 1.1 of published articles.",
        ["Sitemap"] = "The sitemap of published articles.",
        ["Changes"] = "The change feed: what was created, changed or deleted since a cursor.",
        ["Keys"] = "API keys and their roles (admin only).",
        ["Webhooks"] = "Webhook subscriptions and their deliveries (admin only).",
    };

    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        var used = (swaggerDoc.Paths ?? [])
            .SelectMany(p => p.Value.Operations ?? [])
            .SelectMany(o => o.Value.Tags ?? new HashSet<OpenApiTagReference>())
            .Select(t => t.Name)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        swaggerDoc.Tags = new HashSet<OpenApiTag>(used.Select(name => new OpenApiTag
        {
            Name = name,
            Description = TagDescriptions.TryGetValue(name, out var description)
                ? description
                : throw new InvalidOperationException($"The OpenAPI tag '{name}' has no description in {nameof(TagsAndNullableReferencesDocumentFilter)}."),
        }));

        var schemas = swaggerDoc.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>();
        foreach (var schema in schemas.Values.OfType<OpenApiSchema>())
        {
            foreach (var property in (schema.Properties ?? new Dictionary<string, IOpenApiSchema>()).Values.OfType<OpenApiSchema>())
            {
                if (property.AllOf is { Count: 1 } allOf && allOf[0] is OpenApiSchemaReference reference
                    && (property.Type is null || property.Type == JsonSchemaType.Null)
                    && reference.Reference.Id is { } id && schemas.TryGetValue(id, out var target) && target.Type is { } targetType)
                {
                    property.Type = property.Type is null ? targetType : targetType | JsonSchemaType.Null;
                }
            }
        }
    }
}

/// <summary>An example body of a response whose schema cannot show one (feeds, XML): shown under its media type.</summary>
/// <param name="StatusCode">The response's status.</param>
/// <param name="ContentType">The media type it is shown under.</param>
/// <param name="Example">Makes the example text (JSON media types are shown parsed).</param>
public sealed record ResponseExampleMetadata(int StatusCode, string ContentType, Func<string> Example);
