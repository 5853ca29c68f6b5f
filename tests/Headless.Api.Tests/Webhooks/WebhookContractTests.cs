using System.Text.Json.Nodes;
using Headless.Api.Tests.Platform;

namespace Headless.Api.Tests.Webhooks;

/// <summary>The webhook part of the committed contract (which OpenApiDocumentTests keeps equal to the served one).</summary>
public sealed class WebhookContractTests
{
    private static readonly JsonNode Document =
        JsonNode.Parse(File.ReadAllText(Path.Combine(OpenApiDocumentTests.RepositoryRoot(), "api-spec", "openapi.json")))!;

    [Fact]
    public void Webhook_schemas_carry_examples()
    {
        var schemas = Document["components"]!["schemas"]!;
        foreach (var name in new[] { "WebhookRequest", "WebhookResponse", "CreatedWebhookResponse", "WebhookResponseListResponse", "WebhookDeliveryResponse", "WebhookDeliveryResponseListResponse" })
        {
            Assert.True(schemas[name]?["example"] is not null, $"{name} has no example");
        }
    }

    [Fact]
    public void Every_webhook_operation_is_for_admins_only()
    {
        var operations = Document["paths"]!.AsObject().Where(p => p.Key.StartsWith("/v1/webhooks", StringComparison.Ordinal))
            .SelectMany(p => p.Value!.AsObject().Select(o => o.Value!)).ToList();

        Assert.Equal(7, operations.Count);
        Assert.All(operations, operation => Assert.Equal(["admin"], operation["x-roles"]!.AsArray().Select(r => r!.GetValue<string>())));
    }
}
