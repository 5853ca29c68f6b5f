using System.Text;

namespace Headless.Api.Features.Feeds;

/// <summary>The example feed the OpenAPI document shows, as a partner key sees it: one full-text item and one excerpt.</summary>
internal static class FeedExamples
{
    private const string BaseUrl = "https://news.example.com";
    private const string Authority = "news.example.com";
    private static readonly DateTimeOffset Published = new(2026, 11, 20, 9, 30, 0, TimeSpan.Zero);

    public static Feed Feed(string file)
    {
        var scheme = $"{BaseUrl}/tags/";
        FeedEntry[] entries =
        [
            new(
                FeedsEndpoints.EntryId(Authority, 2),
                2,
                "border-towns-brace-for-new-patrols",
                "Border Towns Brace for New Patrols",
                $"{BaseUrl}/articles/border-towns-brace-for-new-patrols",
                "Residents on both sides of the border say the new patrols have changed daily life.",
                "<p>Residents on both sides of the border say the new patrols have changed daily life…</p>",
                "Headless Demo Desk",
                "en",
                "World",
                "full",
                $"{BaseUrl}/images/border-patrol.jpg",
                Published.AddHours(3),
                Published.AddHours(3),
                [new("border-security", "Border security", scheme), new("mexico", "Mexico", scheme)]),
            new(
                FeedsEndpoints.EntryId(Authority, 1),
                1,
                "mexicos-president-turns-down-us-offer-of-troops-sovereignty-is-not-for-sale",
                "Mexico’s President Turns Down US Offer of Troops: “Sovereignty Is Not for Sale”",
                $"{BaseUrl}/articles/mexicos-president-turns-down-us-offer-of-troops-sovereignty-is-not-for-sale",
                "Addressing a crowd of her supporters, Mexico's President turned down a US proposal to deploy American soldiers on Mexican soil…",
                null,
                "Headless Demo Desk",
                "en",
                "World",
                "excerpt",
                null,
                Published,
                Published.AddHours(2),
                [new("mexico", "Mexico", scheme), new("sovereignty", "Sovereignty", scheme)]),
        ];
        return new Feed(
            $"tag:{Authority},{FeedsEndpoints.IdDate}:feeds/articles?section=World",
            "Headless — World",
            "Headless",
            "The latest articles.",
            "en",
            BaseUrl + "/",
            $"{BaseUrl}/v1/feeds/{file}?section=World",
            Published.AddHours(3),
            entries);
    }

    public static string Text(byte[] body) => Encoding.UTF8.GetString(body);
}
