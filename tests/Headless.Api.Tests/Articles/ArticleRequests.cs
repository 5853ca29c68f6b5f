using System.Text.Json.Nodes;
using Headless.Api.Tests.Infrastructure;

namespace Headless.Api.Tests.Articles;

/// <summary>Request bodies and response readers shared by the article tests.</summary>
internal static class ArticleRequests
{
    /// <summary>A valid create or replace body with a unique slug, to change one field of.</summary>
    public static JsonObject Valid(string? slug = null) => new()
    {
        ["headline"] = "A valid headline",
        ["slug"] = slug ?? Http.UniqueSlug("valid"),
        ["body"] = "First paragraph.\n\nSecond paragraph.",
    };

    public static long Id(this JsonNode article) => article["id"]!.GetValue<long>();

    public static string Slug(this JsonNode article) => article["slug"]!.GetValue<string>();

    public static string? Text(this JsonNode node, string name) => node[name]?.GetValue<string>();

    public static DateTimeOffset Instant(this JsonNode node, string name) => DateTimeOffset.Parse(node[name]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);

    public static string[] TagSlugs(this JsonNode article) => article["tags"]!.AsArray().Select(tag => tag!["slug"]!.GetValue<string>()).ToArray();

    public static string[] Slugs(this JsonNode list) => list["data"]!.AsArray().Select(article => article!["slug"]!.GetValue<string>()).ToArray();

    /// <summary>A lowercase hex token to make headlines (and so generated slugs) unique.</summary>
    public static string Token() => Guid.NewGuid().ToString("N")[..12];
}
