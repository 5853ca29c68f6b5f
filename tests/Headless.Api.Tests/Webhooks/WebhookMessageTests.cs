using System.Text;
using System.Text.Json.Nodes;
using Headless.Api.Features.Webhooks;

namespace Headless.Api.Tests.Webhooks;

/// <summary>The payload and signature of webhook requests, as pure code.</summary>
public sealed class WebhookMessageTests
{
    [Fact]
    public void Signature_matches_the_standard_webhooks_test_vector()
    {
        var signature = WebhookMessage.Signature(
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, Encoding.UTF8.GetBytes("""{"test": 2432232314}"""));

        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
    }

    [Fact]
    public void Body_has_type_timestamp_version_seq_and_the_change_payload_as_data()
    {
        const string payload = """{"id":12,"slug":"border-talks","headline":"Border talks resume","status":"published","syndication":"excerpt","version":3}""";

        var body = JsonNode.Parse(WebhookMessage.Body("article.updated", "article", 412, new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.Zero), payload, false))!;

        Assert.Equal(["type", "timestamp", "version", "seq", "data"], body.AsObject().Select(p => p.Key));
        Assert.Equal("article.updated", body["type"]!.GetValue<string>());
        Assert.Equal("2026-11-20T09:30:00Z", body["timestamp"]!.GetValue<string>());
        Assert.Equal("2026-11-24", body["version"]!.GetValue<string>());
        Assert.Equal(412, body["seq"]!.GetValue<long>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(payload), body["data"]));
    }

    [Fact]
    public void An_article_never_syndicated_is_reduced_to_id_slug_status_and_syndication()
    {
        const string payload = """{"id":12,"slug":"ours","headline":"Ours only","status":"published","syndication":"none","section":"World","version":3}""";

        var data = JsonNode.Parse(WebhookMessage.Body("article.published", "article", 9, DateTimeOffset.UnixEpoch, payload, false))!["data"]!;

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"id":12,"slug":"ours","status":"published","syndication":"none"}"""), data));
    }

    [Fact]
    public void A_quote_of_an_article_never_syndicated_is_reduced_to_ids()
    {
        const string payload = """{"id":5,"articleId":12,"text":"Secret words.","speaker":"Ana"}""";

        var data = JsonNode.Parse(WebhookMessage.Body("quote.created", "quote", 10, DateTimeOffset.UnixEpoch, payload, articleNotSyndicated: true))!["data"]!;

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"id":5,"articleId":12,"syndication":"none"}"""), data));
    }

    [Fact]
    public void Secrets_are_whsec_and_base64_of_24_to_64_bytes()
    {
        var made = WebhookSecrets.New();

        Assert.True(WebhookSecrets.IsValid(made));
        Assert.True(WebhookSecrets.TryDecode(made, out var key) && key.Length == 32);
        Assert.True(WebhookSecrets.IsValid("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
        Assert.False(WebhookSecrets.IsValid("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
        Assert.False(WebhookSecrets.IsValid("whsec_" + Convert.ToBase64String(new byte[23])));
        Assert.False(WebhookSecrets.IsValid("whsec_" + Convert.ToBase64String(new byte[65])));
        Assert.Equal("whsec_…LaSw", WebhookSecrets.Hint("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
    }
}
