using System.Text.Json;
using System.Text.Json.Nodes;
using Headless.Api.Common.Auth;
using Headless.Api.Common.Http;
using Headless.Api.Common.Validation;
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
                    names it in `errors` with camelCase keys. Lists answer `{ "data": [...], "page": { "limit", "page", "next" } }`.
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
                Description = "An API key. Writes and reads of drafts need an editor or admin key (for now the admin key from configuration `Headless:AdminKey`).",
            });
            options.OperationFilter<ResponsesOperationFilter>();
            options.OperationFilter<ParameterExamplesOperationFilter>();
            options.SchemaFilter<ContractSchemaFilter>();
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

            var requiresKey = metadata.OfType<IAuthorizeData>().Any();
            if (requiresKey)
            {
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyScheme, context.Document)] = [] });
                Add(operation, "401", "No API key, or one that is not valid (see `WWW-Authenticate`).", typeof(ProblemDetails), context);
                Add(operation, "403", "The API key's role may not do this.", typeof(ProblemDetails), context);
            }
            else if (isApi)
            {
                // Open to everyone; a key is optional and lets editors and admins read drafts.
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement());
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyScheme, context.Document)] = [] });
                Add(operation, "401", "An API key was sent but is not valid (see `WWW-Authenticate`); leave the header out to read anonymously.", typeof(ProblemDetails), context);
            }

            if (operation.RequestBody is not null)
            {
                Add(operation, "415", "The body is not sent as `application/json`.", typeof(ProblemDetails), context);
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
            "409" => "The slug is taken by another resource of the same kind.",
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
            ["page"] = JsonValue.Create(1),
            ["tag"] = JsonValue.Create("sovereignty"),
            ["status"] = JsonValue.Create("published"),
            ["formats"] = JsonValue.Create("html,text"),
            ["speaker"] = JsonValue.Create("Mexico's President"),
            ["articleId"] = JsonValue.Create(1),
            ["kind"] = JsonValue.Create("inline"),
        };

        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>())
            {
                if (parameter.Name is { } name && Examples.TryGetValue(name, out var example))
                {
                    parameter.Example = example.DeepClone();
                    if (parameter.In == ParameterLocation.Path && string.IsNullOrEmpty(parameter.Description))
                    {
                        parameter.Description = name == "slug" ? "The slug." : "The integer id.";
                    }
                }
            }
        }
    }

    /// <summary>
    /// Realistic examples, from the demo content, on the schemas of requests and responses; and every property of a
    /// response marked required, since responses always carry every field (null where it has no value).
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
                concrete.Required = new SortedSet<string>(properties.Keys, StringComparer.Ordinal);
            }
        }

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
