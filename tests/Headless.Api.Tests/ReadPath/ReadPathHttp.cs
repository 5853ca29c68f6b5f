using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Headless.Api.Common.Database;
using Headless.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Headless.Api.Tests.ReadPath;

/// <summary>Calls and readers that the read-path test classes share.</summary>
internal static partial class ReadPathHttp
{
    /// <summary>GET that must answer 200 with JSON; answers the body.</summary>
    public static async Task<JsonNode> GetOk(this HttpClient client, string url) => await (await client.GetAsync(url)).AssertOk();

    /// <summary>Creates an article through the API (published unless told otherwise) and answers its JSON.</summary>
    public static async Task<JsonNode> NewArticle(
        this HttpClient admin,
        string[] tags,
        string? headline = null,
        string? publishedAt = null,
        string? section = null,
        string? byline = null,
        string? language = null,
        string status = "published")
    {
        var slug = Http.UniqueSlug("rp");
        var response = await admin.PostJson("/v1/articles", new
        {
            headline = headline ?? $"Headline {slug}",
            slug,
            body = "First paragraph.\n\nSecond paragraph.",
            status,
            publishedAt,
            section,
            byline,
            language,
            tags,
        });
        return await response.AssertOk(HttpStatusCode.Created);
    }

    /// <summary>Adds a quote to an article and answers its JSON.</summary>
    public static async Task<JsonNode> AddQuote(this HttpClient admin, long articleId, string text = "We will see.", string speaker = "Ana Pérez", int? position = null) =>
        await (await admin.PostJson($"/v1/articles/{articleId}/quotes", new { text, speaker, position })).AssertOk(HttpStatusCode.Created);

    /// <summary>Adds a related link (to an outside URL) to an article and answers its JSON.</summary>
    public static async Task<JsonNode> AddLink(this HttpClient admin, long articleId, string title = "Elsewhere", int? position = null) =>
        await (await admin.PostJson($"/v1/articles/{articleId}/links", new { kind = "related", title, url = "https://example.com/elsewhere", position })).AssertOk(HttpStatusCode.Created);

    public static long IdOf(this JsonNode node) => node["id"]!.GetValue<long>();

    /// <summary>The ids of a list page's items, in order.</summary>
    public static List<long> ItemIds(this JsonNode list) => list["data"]!.AsArray().Select(item => item!["id"]!.GetValue<long>()).ToList();

    /// <summary>The page's raw <c>page.next</c>, or null on the last page.</summary>
    public static string? RawNext(this JsonNode list) => list["page"]!["next"]?.GetValue<string>();

    /// <summary>The URL with <c>cursor</c> appended.</summary>
    public static string WithCursor(string url, string cursor) => $"{url}{(url.Contains('?', StringComparison.Ordinal) ? '&' : '?')}cursor={Uri.EscapeDataString(cursor)}";

    /// <summary>Reads the first page and follows <c>page.next</c> to the end; answers every page.</summary>
    public static async Task<List<JsonNode>> AllPages(this HttpClient client, string url, int maxPages = 200)
    {
        var pages = new List<JsonNode> { await client.GetOk(url) };
        while (pages[^1].RawNext() is { } next)
        {
            Assert.True(pages.Count < maxPages, $"More than {maxPages} pages of {url}: the cursor does not move on.");
            pages.Add(await client.GetOk(WithCursor(url, next)));
        }

        return pages;
    }

    /// <summary>The items of every page, in order.</summary>
    public static List<JsonNode> Items(this IEnumerable<JsonNode> pages) => pages.SelectMany(page => page["data"]!.AsArray().Select(item => item!)).ToList();

    /// <summary>The URL of the response's <c>Link: &lt;...&gt;; rel="next"</c>, or null.</summary>
    public static string? NextLink(this HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Link", out var values))
        {
            return null;
        }

        var match = NextLinkPattern().Match(string.Join(", ", values));
        return match.Success ? match.Groups[1].Value : null;
    }

    /// <summary>The response's <c>Surrogate-Key</c>s.</summary>
    public static string[] SurrogateKeys(this HttpResponseMessage response) =>
        response.Headers.TryGetValues("Surrogate-Key", out var values)
            ? values.SelectMany(v => v.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToArray()
            : [];

    /// <summary>How many database commands the app under test has created so far.</summary>
    public static long Commands(this ApiFactory factory) => factory.Services.GetRequiredService<Db>().CommandsExecuted;

    /// <summary>
    /// How many database commands <paramref name="read"/> costs: the least of three runs, since the scheduler's
    /// background check (once a minute) can only add to a run's count.
    /// </summary>
    public static async Task<long> CommandsOf(this ApiFactory factory, Func<Task> read)
    {
        var least = long.MaxValue;
        for (var run = 0; run < 3; run++)
        {
            var before = factory.Commands();
            await read();
            least = Math.Min(least, factory.Commands() - before);
        }

        return least;
    }

    /// <summary>
    /// The cursor with one character replaced by its neighbour in the base64url alphabet (its lowest bit flipped), so it
    /// stays valid base64url; at the last character of a part this may only touch the unused padding bits.
    /// </summary>
    public static string FlipCharacter(string cursor, int index)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        var value = alphabet.IndexOf(cursor[index], StringComparison.Ordinal);
        Assert.True(value >= 0, $"'{cursor[index]}' is not base64url.");
        return string.Concat(cursor.AsSpan(0, index), alphabet[value ^ 1].ToString(), cursor.AsSpan(index + 1));
    }

    [GeneratedRegex("<([^>]+)>\\s*;\\s*rel=\"next\"")]
    private static partial Regex NextLinkPattern();
}
