using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Headless.Api.Common.Http;

namespace Headless.Api.Features.Webhooks;

/// <summary>Standard Webhooks signing secrets: <c>whsec_</c> and the base64 of 24 to 64 random bytes.</summary>
public static class WebhookSecrets
{
    public const string Prefix = "whsec_";
    public const int MinBytes = 24;
    public const int MaxBytes = 64;
    public const int DefaultBytes = 32;

    public static string New() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(DefaultBytes));

    public static bool IsValid(string? secret) => TryDecode(secret, out var key) && key.Length is >= MinBytes and <= MaxBytes;

    /// <summary>The key bytes of a secret (the base64 after the prefix).</summary>
    public static bool TryDecode(string? secret, out byte[] key)
    {
        key = [];
        if (secret is null || !secret.StartsWith(Prefix, StringComparison.Ordinal) || secret.Length > 200 || secret.Any(char.IsWhiteSpace))
        {
            return false;
        }

        var text = secret[Prefix.Length..];
        var buffer = new byte[text.Length];
        if (!Convert.TryFromBase64String(text, buffer, out var written))
        {
            return false;
        }

        key = buffer[..written];
        return true;
    }

    /// <summary>What reads show of a secret: the prefix and its last 4 characters.</summary>
    public static string Hint(string secret) => $"{Prefix}…{secret[^4..]}";
}

/// <summary>
/// The body and signature of a webhook request, per Standard Webhooks (https://www.standardwebhooks.com).
/// The body, version <see cref="PayloadVersion"/>:
/// <code>
/// { "type": "article.published", "timestamp": "2026-11-20T09:30:00Z", "version": "2026-11-24", "seq": 42, "data": { … } }
/// </code>
/// <c>type</c> is the event, <c>timestamp</c> when the change was made, <c>seq</c> the change's place in the change log
/// (increasing in commit order), and <c>data</c> the resource as it was after the change (before it, for deletions).
/// For an article whose syndication rights are <c>none</c>, <c>data</c> holds only <c>id</c>, <c>slug</c>, <c>status</c>
/// and <c>syndication</c>; for a quote or link of such an article, only <c>id</c>, <c>articleId</c> and <c>syndication</c>.
/// </summary>
public static class WebhookMessage
{
    /// <summary>The payload format's version, sent as <c>version</c>: changes to the format get a new date.</summary>
    public const string PayloadVersion = "2026-11-24";

    public const string UserAgent = $"Headless-Webhooks/{PayloadVersion}";

    /// <summary>The <c>webhook-id</c> of a change: the same for every attempt, and for every webhook, of that change.</summary>
    public static string Id(long seq) => string.Create(CultureInfo.InvariantCulture, $"msg_{seq}");

    /// <summary>The JSON body for a change, as UTF-8 (what the signature covers).</summary>
    public static byte[] Body(string eventName, string kind, long seq, DateTimeOffset changedAt, string payload, bool articleNotSyndicated)
    {
        var data = JsonNode.Parse(payload)?.AsObject() ?? [];
        var notSyndicated = articleNotSyndicated || data["syndication"]?.GetValue<string>() == "none";
        if (notSyndicated)
        {
            data = kind == "article"
                ? new JsonObject { ["id"] = data["id"]?.DeepClone(), ["slug"] = data["slug"]?.DeepClone(), ["status"] = data["status"]?.DeepClone(), ["syndication"] = "none" }
                : new JsonObject { ["id"] = data["id"]?.DeepClone(), ["articleId"] = data["articleId"]?.DeepClone(), ["syndication"] = "none" };
        }

        var body = new JsonObject
        {
            ["type"] = eventName,
            // As the API writes instants: UTC, Z, no trailing zeros.
            ["timestamp"] = changedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture),
            ["version"] = PayloadVersion,
            ["seq"] = seq,
            ["data"] = data,
        };
        return Encoding.UTF8.GetBytes(body.ToJsonString(JsonSetup.Options));
    }

    /// <summary>The <c>webhook-signature</c> value: <c>v1,</c> and the base64 HMAC-SHA256, keyed with the secret's bytes, of <c>{id}.{timestamp}.{body}</c>.</summary>
    public static string Signature(string secret, string messageId, long timestamp, byte[] body)
    {
        if (!WebhookSecrets.TryDecode(secret, out var key))
        {
            throw new InvalidOperationException("The webhook's secret is not a whsec_ secret.");
        }

        var prefix = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{messageId}.{timestamp}."));
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, (byte[])[.. prefix, .. body]));
    }
}
