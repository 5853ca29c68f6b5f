using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Headless.Api.Tests.Infrastructure;

namespace Headless.Api.Tests.Contract;

/// <summary>
/// The contract test: the API answers as <c>api-spec/openapi.json</c> says, for every operation in it.
/// </summary>
/// <remarks>
/// <para>
/// <b>Approach.</b> The test drives the API over HTTP (the demo content loaded, on its own SQLite file) through clients
/// whose every exchange passes a <see cref="ContractRecorder"/>. The recorder finds the spec operation the request
/// answers to and checks (1) the status is one the operation documents (or <c>default</c>); (2) the Content-Type is a
/// media type documented for that status, and there is no body where none is documented (204, 304); (3) a JSON body
/// validates against the media type's schema with <see cref="OpenApiSchemaValidator"/> (types, required properties,
/// OpenAPI 3.0 <c>nullable</c>, enums, undeclared properties, date-time and int32/int64), and an XML body is well formed;
/// and (4) a 2xx of an operation with <c>x-roles</c> came from a key of one of those roles. Every check runs on every
/// exchange, including the reads that helpers make to fetch an ETag.
/// </para>
/// <para>
/// <b>One allowance.</b> <c>fields=</c> trims articles to the fields named, which an OpenAPI 3.0 schema cannot express
/// (<c>required</c> is not conditional); for a request with <c>fields=</c>, articles need only the required properties
/// it names (<see cref="ContractSpec.SparseFieldsetOf"/>). Everything else about them is checked as usual.
/// </para>
/// <para>
/// <b>Scenario.</b> One realistic walk through the API, area by area, makes the data it needs first (keys of each role,
/// a tag, an article with quotes and links, a webhook and its deliveries) and then exercises each operation at least
/// once with a success (2xx, with a key of a role the operation's <c>x-roles</c> names) and at least once with a failure
/// that is natural for it (404 for an unknown id, 400 for a bad or unknown parameter, 409, 412, 428, 401/403).
/// Violations are collected, not thrown, so one run reports every one, each naming the operation, the status, the
/// JSON path of the violation and the request that caused it.
/// </para>
/// <para>
/// <b>Coverage.</b> The test then compares the operations that answered against the spec's: an operation of the spec
/// without a 2xx, or without a 4xx, fails it. So a new operation added to the API (and so to the committed spec) fails
/// this test until a contract case for it is added here.
/// </para>
/// </remarks>
public sealed class ContractTests(DemoApiFactory factory) : IClassFixture<DemoApiFactory>
{
    private const string StaleETag = "\"stale-0-0\"";
    private const long Unknown = 987654321;

    private readonly ContractRecorder recorder = new(ContractSpec.Load());

    [Fact]
    public async Task Every_operation_of_the_spec_answers_as_documented()
    {
        var admin = recorder.Client(factory, "admin", ApiFactory.AdminKey);
        var anonymous = recorder.Client(factory, null, null);
        var keys = await Keys(admin);
        var editor = keys.Editor;

        var tagSlug = await Tags(editor, anonymous);
        var (articleId, draftId) = await Articles(editor, anonymous, keys.Reader, tagSlug);
        await Workflow(editor, articleId);
        await Revisions(editor, articleId);
        await Quotes(editor, anonymous, articleId);
        var targetId = await Links(editor, anonymous, articleId);
        await RelatedAndBacklinks(anonymous, articleId, targetId);
        await Discovery(anonymous);
        await Changes(keys.Partner, keys.Reader, anonymous);
        await Feeds(anonymous);
        await Webhooks(admin, editor, draftId);
        await DeleteArticle(editor, draftId);

        var report = new StringBuilder();
        foreach (var violation in recorder.Violations)
        {
            report.AppendLine(violation);
        }

        foreach (var operation in recorder.WithoutSuccess())
        {
            report.AppendLine($"{operation}: no contract case answered a 2xx; add one to {nameof(ContractTests)}");
        }

        foreach (var operation in recorder.WithoutFailure())
        {
            report.AppendLine($"{operation}: no contract case answered a 4xx; add one to {nameof(ContractTests)}");
        }

        Assert.True(report.Length == 0, $"The API breaks its contract (api-spec/openapi.json):{Environment.NewLine}{report}");
    }

    private sealed record Clients(HttpClient Editor, HttpClient Partner, HttpClient Reader);

    private async Task<Clients> Keys(HttpClient admin)
    {
        async Task<JsonNode> Create(string role, object? scope = null)
        {
            var response = await admin.PostJson("/v1/keys", scope ?? new { name = $"Contract {role}", role });
            return await response.AssertOk(HttpStatusCode.Created);
        }

        var editorKey = await Create("editor");
        var partnerKey = await Create("partner", new { name = "Contract partner", role = "partner", tags = new[] { "mexico" }, sections = new[] { "World" } });
        var readerKey = await Create("reader");
        var editor = recorder.Client(factory, "editor", editorKey["secret"]!.GetValue<string>());
        var partner = recorder.Client(factory, "partner", partnerKey["secret"]!.GetValue<string>());
        var reader = recorder.Client(factory, "reader", readerKey["secret"]!.GetValue<string>());

        await Expect(admin.PostJson("/v1/keys", new { name = "Bad role", role = "emperor" }), HttpStatusCode.BadRequest);
        await Expect(admin.PostRaw("/v1/keys", "<key/>", "application/xml"), HttpStatusCode.UnsupportedMediaType);
        await Expect(admin.GetAsync("/v1/keys?count=true&limit=2"), HttpStatusCode.OK);
        await Expect(admin.GetAsync("/v1/keys?limit=0"), HttpStatusCode.BadRequest);
        await Expect(editor.GetAsync("/v1/keys"), HttpStatusCode.Forbidden);
        await Expect(admin.GetAsync($"/v1/keys/{editorKey["id"]}"), HttpStatusCode.OK);
        await Expect(admin.GetAsync($"/v1/keys/{Unknown}"), HttpStatusCode.NotFound);

        var throwaway = await Create("reader");
        await Expect(admin.DeleteAsync($"/v1/keys/{throwaway["id"]}"), HttpStatusCode.NoContent);
        await Expect(admin.DeleteAsync($"/v1/keys/{Unknown}"), HttpStatusCode.NotFound);
        return new Clients(editor, partner, reader);
    }

    private async Task<string> Tags(HttpClient editor, HttpClient anonymous)
    {
        var slug = Http.UniqueSlug("contract-tag");
        var tag = await Expect(editor.PostJson("/v1/tags", new { name = "Contract tag", slug, description = "Made by the contract test." }), HttpStatusCode.Created);
        var id = tag!["id"]!.GetValue<long>();
        var url = $"/v1/tags/{id}";
        await Expect(editor.PostJson("/v1/tags", new { name = "Contract tag again", slug }), HttpStatusCode.Conflict);
        await Expect(editor.PostJson("/v1/tags", new { name = "" }), HttpStatusCode.BadRequest);
        await Expect(anonymous.PostJson("/v1/tags", new { name = "Anonymous" }), HttpStatusCode.Unauthorized);

        await Expect(anonymous.GetAsync("/v1/tags?sort=-articleCount&count=true&limit=5"), HttpStatusCode.OK);
        await Expect(anonymous.GetAsync("/v1/tags?sort=sideways"), HttpStatusCode.BadRequest);
        var read = await anonymous.GetAsync(url);
        await Expect(Task.FromResult(read), HttpStatusCode.OK);
        await Expect(anonymous.SendAsync(WithHeader(HttpMethod.Get, url, "If-None-Match", read.Headers.ETag!.ToString())), HttpStatusCode.NotModified);
        await Expect(anonymous.GetAsync($"/v1/tags/{Unknown}"), HttpStatusCode.NotFound);
        await Expect(anonymous.GetAsync($"/v1/tags/slug/{slug}"), HttpStatusCode.OK);
        await Expect(anonymous.GetAsync("/v1/tags/slug/no-such-tag-anywhere"), HttpStatusCode.NotFound);

        await Expect(editor.PutCurrent(url, new { name = "Contract tag, renamed", slug, description = (string?)null }), HttpStatusCode.OK);
        await Expect(editor.PutJson(url, new { name = "No If-Match" }), HttpStatusCode.PreconditionRequired);
        await Expect(editor.PatchMerge(url, new { description = "Patched." }), HttpStatusCode.OK);
        await Expect(editor.PatchMerge(url, new { description = "Stale." }, StaleETag), HttpStatusCode.PreconditionFailed);

        var doomed = await Expect(editor.PostJson("/v1/tags", new { name = "Contract doomed tag", slug = Http.UniqueSlug("contract-doomed") }), HttpStatusCode.Created);
        await Expect(editor.DeleteCurrent($"/v1/tags/{doomed!["id"]}"), HttpStatusCode.NoContent);
        await Expect(editor.SendAsync(WithHeader(HttpMethod.Delete, $"/v1/tags/{doomed["id"]}", "If-Match", StaleETag)), HttpStatusCode.NotFound, HttpStatusCode.PreconditionFailed);
        return slug;
    }

    /// <summary>Answers a published article with a rich body, and a draft.</summary>
    private async Task<(long Article, long Draft)> Articles(HttpClient editor, HttpClient anonymous, HttpClient reader, string tagSlug)
    {
        var slug = Http.UniqueSlug("contract-article");
        var created = await Expect(editor.PostJson("/v1/articles", new
        {
            headline = "Contract test: a “typographic” headline",
            slug,
            dek = "A standfirst.",
            body = "First paragraph with a [link](https://example.com).\n\n## A heading\n\nSecond paragraph.\n\nThird paragraph.",
            section = "World",
            byline = "Contract Desk",
            language = "en",
            featuredImage = new { url = "https://images.example.com/contract.jpg", alt = "An image", caption = "A caption", credit = "A credit" },
            tags = new[] { tagSlug, "mexico" },
            status = "published",
            syndication = "full",
        }), HttpStatusCode.Created);
        var id = created!["id"]!.GetValue<long>();
        await Expect(editor.PostJson("/v1/articles", new { headline = "Same slug", slug }), HttpStatusCode.Conflict);
        await Expect(editor.PostJson("/v1/articles", new { body = "No headline." }), HttpStatusCode.BadRequest);
        await Expect(editor.PostRaw("/v1/articles", "headline=plain", "text/plain"), HttpStatusCode.UnsupportedMediaType);
        await Expect(reader.PostJson("/v1/articles", new { headline = "A reader may not" }), HttpStatusCode.Forbidden);

        var draft = await Expect(editor.PostJson("/v1/articles", new { headline = "Contract draft", slug = Http.UniqueSlug("contract-draft"), body = "Draft body.", status = "draft" }), HttpStatusCode.Created);
        var draftId = draft!["id"]!.GetValue<long>();

        await Expect(anonymous.GetAsync("/v1/articles?count=true&limit=3&include=quotes,links,related&formats=html,text,markdown"), HttpStatusCode.OK);
        await Expect(anonymous.GetAsync($"/v1/articles?tag={tagSlug}&section=World&sort=-publishedAt&hasQuotes=false"), HttpStatusCode.OK);
        await Expect(anonymous.GetAsync("/v1/articles?q=sovereignty&publishedAfter=2000-01-01T00:00:00Z"), HttpStatusCode.OK);
        await Expect(editor.GetAsync("/v1/articles?status=draft&limit=2"), HttpStatusCode.OK);
        await Expect(anonymous.GetAsync("/v1/articles?fields=id,slug,headline,publishedAt&limit=2"), HttpStatusCode.OK);
        await Expect(anonymous.GetAsync($"/v1/articles/{id}?fields=id,headline,body&formats=text"), HttpStatusCode.OK);
        await Expect(anonymous.GetAsync("/v1/articles?limit=0"), HttpStatusCode.BadRequest);
        await Expect(anonymous.GetAsync("/v1/articles?status=draft"), HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden);
        await Expect(reader.GetAsync("/v1/articles?status=draft"), HttpStatusCode.Forbidden);

        await Expect(anonymous.GetAsync($"/v1/articles/{id}?include=quotes,links,related&formats=html,text,markdown"), HttpStatusCode.OK);
        await Expect(anonymous.GetAsync($"/v1/articles/{id}"), HttpStatusCode.OK);
        await Expect(editor.GetAsync($"/v1/articles/{draftId}"), HttpStatusCode.OK);
        await Expect(anonymous.GetAsync($"/v1/articles/{draftId}"), HttpStatusCode.NotFound);
        await Expect(anonymous.GetAsync($"/v1/articles/{id}?formats=pdf"), HttpStatusCode.BadRequest);
        await Expect(anonymous.GetAsync($"/v1/articles/slug/{slug}?include=quotes"), HttpStatusCode.OK);
        await Expect(anonymous.GetAsync("/v1/articles/slug/no-such-article-anywhere"), HttpStatusCode.NotFound);

        var url = $"/v1/articles/{id}";
        await Expect(editor.PutCurrent(url, new
        {
            headline = "Contract test: replaced",
            slug,
            body = "Replaced first paragraph.\n\nReplaced second paragraph.",
            section = "World",
            tags = new[] { tagSlug, "mexico" },
            syndication = "full",
        }), HttpStatusCode.OK);
        await Expect(editor.PutJson(url, new { headline = "No If-Match" }), HttpStatusCode.PreconditionRequired);
        await Expect(editor.PatchMerge(url, new { dek = "A patched standfirst.", byline = (string?)null }), HttpStatusCode.OK);
        await Expect(editor.PatchMerge(url, new { dek = "Stale." }, StaleETag), HttpStatusCode.PreconditionFailed);
        await Expect(editor.PatchMerge($"/v1/articles/{Unknown}", new { dek = "Nobody." }, StaleETag), HttpStatusCode.NotFound, HttpStatusCode.PreconditionFailed);
        return (id, draftId);
    }

    private async Task Workflow(HttpClient editor, long articleId)
    {
        // A published article of its own, walked through the workflow.
        var article = await Expect(editor.PostJson("/v1/articles", new { headline = "Contract workflow", slug = Http.UniqueSlug("contract-flow"), body = "Workflow body.", status = "draft" }), HttpStatusCode.Created);
        var id = article!["id"]!.GetValue<long>();
        await Expect(editor.PostAsync($"/v1/articles/{id}/publish", null), HttpStatusCode.OK);
        await Expect(editor.PostJson($"/v1/articles/{id}/corrections", new { note = "An earlier version misspelt a name." }), HttpStatusCode.Created);
        await Expect(editor.PostJson($"/v1/articles/{id}/corrections", new { note = "" }), HttpStatusCode.BadRequest);
        await Expect(editor.PostAsync($"/v1/articles/{id}/unpublish", null), HttpStatusCode.OK);
        await Expect(editor.PostAsync($"/v1/articles/{id}/unpublish", null), HttpStatusCode.Conflict);
        await Expect(editor.PostJson($"/v1/articles/{id}/corrections", new { note = "A draft has nothing to correct." }), HttpStatusCode.Conflict);
        await Expect(editor.PostJson($"/v1/articles/{id}/schedule", new { publishAt = DateTimeOffset.UtcNow.AddDays(2).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'") }), HttpStatusCode.OK);
        await Expect(editor.GetAsync($"/v1/articles/{id}"), HttpStatusCode.OK);
        await Expect(editor.PostJson($"/v1/articles/{id}/schedule", new { publishAt = "2001-01-01T00:00:00Z" }), HttpStatusCode.BadRequest);
        await Expect(editor.PostAsync($"/v1/articles/{id}/publish", null), HttpStatusCode.OK);
        await Expect(editor.PostAsync($"/v1/articles/{id}/archive", null), HttpStatusCode.OK);
        await Expect(editor.GetAsync($"/v1/articles/{id}"), HttpStatusCode.OK);
        await Expect(editor.PostAsync($"/v1/articles/{id}/archive", null), HttpStatusCode.Conflict);
        await Expect(editor.PostAsync($"/v1/articles/{Unknown}/publish", null), HttpStatusCode.NotFound);
        await Expect(editor.SendAsync(WithHeader(HttpMethod.Post, $"/v1/articles/{articleId}/archive", "If-Match", StaleETag)), HttpStatusCode.PreconditionFailed);
        await Expect(editor.PostJson($"/v1/articles/{Unknown}/schedule", new { publishAt = DateTimeOffset.UtcNow.AddDays(2).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'") }), HttpStatusCode.NotFound);

        // Corrections of the main article, which stays published.
        await Expect(editor.PostJson($"/v1/articles/{articleId}/corrections", new { note = "A figure was corrected." }), HttpStatusCode.Created);
    }

    private async Task Revisions(HttpClient editor, long articleId)
    {
        await Expect(editor.GetAsync($"/v1/articles/{articleId}/revisions?count=true&limit=2"), HttpStatusCode.OK);
        await Expect(editor.GetAsync($"/v1/articles/{articleId}/revisions?limit=-1"), HttpStatusCode.BadRequest);
        await Expect(editor.GetAsync($"/v1/articles/{Unknown}/revisions"), HttpStatusCode.NotFound);
        await Expect(editor.GetAsync($"/v1/articles/{articleId}/revisions/1"), HttpStatusCode.OK);
        await Expect(editor.GetAsync($"/v1/articles/{articleId}/revisions/{Unknown}"), HttpStatusCode.NotFound);

        var etag = await editor.CurrentETag($"/v1/articles/{articleId}");
        await Expect(editor.SendAsync(WithHeader(HttpMethod.Post, $"/v1/articles/{articleId}/revisions/1/restore", "If-Match", etag!)), HttpStatusCode.OK);
        await Expect(editor.PostAsync($"/v1/articles/{articleId}/revisions/1/restore", null), HttpStatusCode.PreconditionRequired);
        await Expect(editor.SendAsync(WithHeader(HttpMethod.Post, $"/v1/articles/{articleId}/revisions/{Unknown}/restore", "If-Match", StaleETag)), HttpStatusCode.NotFound, HttpStatusCode.PreconditionFailed);
    }

    private async Task Quotes(HttpClient editor, HttpClient anonymous, long articleId)
    {
        var quote = await Expect(editor.PostJson($"/v1/articles/{articleId}/quotes", new { text = "We will see.", speaker = "Ana Pérez", speakerRole = "Minister", context = "At a press conference." }), HttpStatusCode.Created);
        await Expect(editor.PostJson($"/v1/articles/{articleId}/quotes", new { text = "Nobody said it." }), HttpStatusCode.BadRequest);
        await Expect(editor.PostJson($"/v1/articles/{Unknown}/quotes", new { text = "Words.", speaker = "Someone" }), HttpStatusCode.NotFound);
        var id = quote!["id"]!.GetValue<long>();
        var url = $"/v1/quotes/{id}";

        await Expect(anonymous.GetAsync($"/v1/articles/{articleId}/quotes?count=true"), HttpStatusCode.OK);
        await Expect(anonymous.GetAsync($"/v1/articles/{Unknown}/quotes"), HttpStatusCode.NotFound);
        await Expect(anonymous.GetAsync("/v1/quotes?speaker=Ana%20P%C3%A9rez&count=true"), HttpStatusCode.OK);
        await Expect(anonymous.GetAsync("/v1/quotes?q=sovereignty&limit=5"), HttpStatusCode.OK);
        await Expect(anonymous.GetAsync("/v1/quotes?articleId=abc"), HttpStatusCode.BadRequest);
        await Expect(anonymous.GetAsync(url), HttpStatusCode.OK);
        await Expect(anonymous.GetAsync($"/v1/quotes/{Unknown}"), HttpStatusCode.NotFound);

        await Expect(editor.PutCurrent(url, new { text = "We will see, she said.", speaker = "Ana Pérez", speakerRole = (string?)null, position = 1 }), HttpStatusCode.OK);
        await Expect(editor.PutJson(url, new { text = "No If-Match.", speaker = "Ana Pérez" }), HttpStatusCode.PreconditionRequired);

        var doomed = await Expect(editor.PostJson($"/v1/articles/{articleId}/quotes", new { text = "Short-lived.", speaker = "Someone" }), HttpStatusCode.Created);
        await Expect(editor.DeleteCurrent($"/v1/quotes/{doomed!["id"]}"), HttpStatusCode.NoContent);
        await Expect(editor.SendAsync(WithHeader(HttpMethod.Delete, $"/v1/quotes/{doomed["id"]}", "If-Match", StaleETag)), HttpStatusCode.NotFound, HttpStatusCode.PreconditionFailed);
    }

    /// <summary>Answers the id of the article the main one links to inline (for its backlinks).</summary>
    private async Task<long> Links(HttpClient editor, HttpClient anonymous, long articleId)
    {
        var target = await Expect(editor.PostJson("/v1/articles", new { headline = "Contract link target", slug = Http.UniqueSlug("contract-target"), body = "Target body.", status = "published" }), HttpStatusCode.Created);
        var targetId = target!["id"]!.GetValue<long>();
        var inline = await Expect(editor.PostJson($"/v1/articles/{articleId}/links", new { kind = "inline", targetArticleId = targetId, afterParagraph = 1 }), HttpStatusCode.Created);
        await Expect(editor.PostJson($"/v1/articles/{articleId}/links", new { kind = "related", title = "Elsewhere", url = "https://example.com/elsewhere" }), HttpStatusCode.Created);
        await Expect(editor.PostJson($"/v1/articles/{articleId}/links", new { kind = "sideways", title = "Bad kind", url = "https://example.com/" }), HttpStatusCode.BadRequest);
        await Expect(editor.PostJson($"/v1/articles/{Unknown}/links", new { kind = "related", title = "Nowhere", url = "https://example.com/" }), HttpStatusCode.NotFound);

        await Expect(anonymous.GetAsync($"/v1/articles/{articleId}/links?count=true"), HttpStatusCode.OK);
        await Expect(anonymous.GetAsync($"/v1/articles/{articleId}/links?kind=sideways"), HttpStatusCode.BadRequest);
        await Expect(anonymous.GetAsync($"/v1/articles/{Unknown}/links"), HttpStatusCode.NotFound);

        var url = $"/v1/links/{inline!["id"]}";
        await Expect(anonymous.GetAsync(url), HttpStatusCode.OK);
        await Expect(anonymous.GetAsync($"/v1/links/{Unknown}"), HttpStatusCode.NotFound);
        await Expect(editor.PutCurrent(url, new { kind = "inline", targetArticleId = targetId, afterParagraph = 2 }), HttpStatusCode.OK);
        await Expect(editor.PutJson(url, new { kind = "inline", targetArticleId = targetId, afterParagraph = 1 }), HttpStatusCode.PreconditionRequired);

        var doomed = await Expect(editor.PostJson($"/v1/articles/{articleId}/links", new { kind = "more", title = "Short-lived", url = "https://example.com/more" }), HttpStatusCode.Created);
        await Expect(editor.DeleteCurrent($"/v1/links/{doomed!["id"]}"), HttpStatusCode.NoContent);
        await Expect(editor.SendAsync(WithHeader(HttpMethod.Delete, $"/v1/links/{doomed["id"]}", "If-Match", StaleETag)), HttpStatusCode.NotFound, HttpStatusCode.PreconditionFailed);
        return targetId;
    }

    private async Task RelatedAndBacklinks(HttpClient anonymous, long articleId, long targetId)
    {
        await Expect(anonymous.GetAsync($"/v1/articles/{articleId}/related?limit=5"), HttpStatusCode.OK);
        await Expect(anonymous.GetAsync($"/v1/articles/{articleId}/related?limit=0"), HttpStatusCode.BadRequest);
        await Expect(anonymous.GetAsync($"/v1/articles/{Unknown}/related"), HttpStatusCode.NotFound);
        await Expect(anonymous.GetAsync($"/v1/articles/{targetId}/backlinks?count=true"), HttpStatusCode.OK);
        await Expect(anonymous.GetAsync($"/v1/articles/{Unknown}/backlinks"), HttpStatusCode.NotFound);
    }

    private async Task Discovery(HttpClient anonymous)
    {
        await Expect(anonymous.GetAsync("/v1/sitemap"), HttpStatusCode.OK);
        await Expect(anonymous.GetAsync("/v1/sitemap?page=2"), HttpStatusCode.BadRequest);
        await Expect(anonymous.GetAsync("/v1/sitemap.xml"), HttpStatusCode.OK);
        await Expect(anonymous.GetAsync("/v1/sitemap.xml?page=2"), HttpStatusCode.BadRequest);

        await Expect(anonymous.GetAsync("/v1/search?q=sovereignty&facets=tag,section&count=true"), HttpStatusCode.OK);
        await Expect(anonymous.GetAsync("/v1/search?q=president&type=quote&limit=3"), HttpStatusCode.OK);
        await Expect(anonymous.GetAsync("/v1/search?q=contract&type=article&publishedAfter=2000-01-01T00:00:00Z"), HttpStatusCode.OK);
        await Expect(anonymous.GetAsync("/v1/search?q=sovereignty&type=podcast"), HttpStatusCode.BadRequest);
        await Expect(anonymous.GetAsync("/v1/search/suggest?q=mex&limit=10"), HttpStatusCode.OK);
        await Expect(anonymous.GetAsync("/v1/search/suggest?q=mex&limit=0"), HttpStatusCode.BadRequest);
    }

    private async Task Changes(HttpClient partner, HttpClient reader, HttpClient anonymous)
    {
        var first = await Expect(partner.GetAsync("/v1/changes?limit=50"), HttpStatusCode.OK);
        await Expect(partner.GetAsync("/v1/changes?types=article,tag,quote,link&limit=10"), HttpStatusCode.OK);
        if (first!["page"]?["next"]?.GetValue<string>() is { } next)
        {
            await Expect(partner.GetAsync($"/v1/changes?since={Uri.EscapeDataString(next)}"), HttpStatusCode.OK);
        }

        await Expect(partner.GetAsync("/v1/changes?types=podcast"), HttpStatusCode.BadRequest);
        await Expect(partner.GetAsync("/v1/changes?since=not-a-cursor"), HttpStatusCode.BadRequest);
        await Expect(reader.GetAsync("/v1/changes"), HttpStatusCode.Forbidden);
        await Expect(anonymous.GetAsync("/v1/changes"), HttpStatusCode.Unauthorized);
    }

    private async Task Feeds(HttpClient anonymous)
    {
        foreach (var format in new[] { "rss", "atom", "json" })
        {
            await Expect(anonymous.GetAsync($"/v1/feeds/articles.{format}"), HttpStatusCode.OK);
            await Expect(anonymous.GetAsync($"/v1/feeds/articles.{format}?tag=mexico&limit=5"), HttpStatusCode.OK);
            await Expect(anonymous.GetAsync($"/v1/feeds/articles.{format}?limit=0"), HttpStatusCode.BadRequest);
        }
    }

    private async Task Webhooks(HttpClient admin, HttpClient editor, long draftId)
    {
        var webhook = await Expect(admin.PostJson("/v1/webhooks", new { url = "https://203.0.113.10/hooks/headless", events = new[] { "article.*", "tag.deleted" } }), HttpStatusCode.Created);
        await Expect(admin.PostJson("/v1/webhooks", new { url = "https://203.0.113.10/hooks/headless", events = new[] { "podcast.started" } }), HttpStatusCode.BadRequest);
        await Expect(editor.PostJson("/v1/webhooks", new { url = "https://203.0.113.10/hooks/headless", events = new[] { "*" } }), HttpStatusCode.Forbidden);
        var id = webhook!["id"]!.GetValue<long>();
        var url = $"/v1/webhooks/{id}";

        await Expect(admin.GetAsync("/v1/webhooks?count=true"), HttpStatusCode.OK);
        await Expect(admin.GetAsync("/v1/webhooks?limit=0"), HttpStatusCode.BadRequest);
        await Expect(admin.GetAsync(url), HttpStatusCode.OK);
        await Expect(admin.GetAsync($"/v1/webhooks/{Unknown}"), HttpStatusCode.NotFound);
        await Expect(admin.PutCurrent(url, new { url = "https://203.0.113.10/hooks/headless/v2", events = new[] { "*" }, active = true }), HttpStatusCode.OK);
        await Expect(admin.PutJson(url, new { url = "https://203.0.113.10/hooks/headless", events = new[] { "*" } }), HttpStatusCode.PreconditionRequired);

        // An event for it: dispatch is off in tests, so the delivery stays pending.
        await Expect(editor.PatchMerge($"/v1/articles/{draftId}", new { dek = "Changed for a webhook delivery." }), HttpStatusCode.OK);
        var deliveries = await Expect(admin.GetAsync($"{url}/deliveries?count=true"), HttpStatusCode.OK);
        await Expect(admin.GetAsync($"{url}/deliveries?status=pending&limit=5"), HttpStatusCode.OK);
        await Expect(admin.GetAsync($"{url}/deliveries?status=lost"), HttpStatusCode.BadRequest);
        await Expect(admin.GetAsync($"/v1/webhooks/{Unknown}/deliveries"), HttpStatusCode.NotFound);
        var delivery = deliveries!["data"]!.AsArray().FirstOrDefault();
        Assert.True(delivery is not null, $"The webhook got no delivery: {deliveries.ToJsonString()}");
        await Expect(admin.PostAsync($"{url}/deliveries/{delivery["id"]}/redeliver", null), HttpStatusCode.Accepted);
        await Expect(admin.PostAsync($"{url}/deliveries/{Unknown}/redeliver", null), HttpStatusCode.NotFound);

        await Expect(admin.DeleteCurrent(url), HttpStatusCode.NoContent);
        await Expect(admin.SendAsync(WithHeader(HttpMethod.Delete, url, "If-Match", StaleETag)), HttpStatusCode.NotFound, HttpStatusCode.PreconditionFailed);
    }

    private async Task DeleteArticle(HttpClient editor, long draftId)
    {
        await Expect(editor.SendAsync(WithHeader(HttpMethod.Delete, $"/v1/articles/{draftId}", "If-Match", StaleETag)), HttpStatusCode.PreconditionFailed);
        await Expect(editor.DeleteCurrent($"/v1/articles/{draftId}"), HttpStatusCode.NoContent);
        await Expect(editor.SendAsync(WithHeader(HttpMethod.Delete, $"/v1/articles/{draftId}", "If-Match", StaleETag)), HttpStatusCode.NotFound, HttpStatusCode.PreconditionFailed);
    }

    private static HttpRequestMessage WithHeader(HttpMethod method, string url, string name, string value)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.TryAddWithoutValidation(name, value);
        return request;
    }

    /// <summary>
    /// Sends a request of the scenario and asserts it answered one of the statuses the scenario means (a different one
    /// means the scenario did not exercise what it says); answers the JSON body, if any. The contract checks themselves
    /// are the recorder's.
    /// </summary>
    private async Task<JsonNode?> Expect(Task<HttpResponseMessage> send, params HttpStatusCode[] expected)
    {
        using var response = await send;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected.Contains(response.StatusCode),
            $"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri!.PathAndQuery}: expected {string.Join(" or ", expected.Select(s => (int)s))}, got {(int)response.StatusCode}: {body}"
            + (recorder.Violations.Count == 0 ? "" : $"{Environment.NewLine}Contract violations so far:{Environment.NewLine}{string.Join(Environment.NewLine, recorder.Violations)}"));
        return body.Length > 0 && response.Content.Headers.ContentType?.MediaType?.EndsWith("json", StringComparison.Ordinal) == true ? JsonNode.Parse(body) : null;
    }
}
