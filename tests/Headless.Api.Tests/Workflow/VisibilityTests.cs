using System.Net;
using System.Text.Json.Nodes;
using Headless.Api.Tests.Articles;
using Headless.Api.Tests.Infrastructure;

namespace Headless.Api.Tests.Workflow;

/// <summary>Who sees articles that are not public: drafts, scheduled, archived and expired ones, with their quotes and tag counts.</summary>
public sealed class VisibilityTests(FakeClockApiFactory factory) : IClassFixture<FakeClockApiFactory>
{
    public static TheoryData<string> HiddenKinds() => new("draft", "scheduled", "archived", "expired");

    public static TheoryData<string> EditorOnlyStatuses() => new("draft", "scheduled", "archived", "any");

    [Theory]
    [MemberData(nameof(HiddenKinds))]
    public async Task Hidden_article_is_404_to_anonymous_by_id_and_slug(string kind)
    {
        var article = await CreateHidden(kind, Http.UniqueSlug("vis"));
        var anonymous = factory.Anonymous();

        await (await anonymous.GetAsync($"/v1/articles/{article.Id()}")).AssertProblem(HttpStatusCode.NotFound);
        await (await anonymous.GetAsync($"/v1/articles/slug/{article.Slug()}")).AssertProblem(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(HiddenKinds))]
    public async Task Hidden_article_is_absent_from_the_anonymous_list(string kind)
    {
        var tag = Http.UniqueSlug("vis");
        var article = await CreateHidden(kind, tag);
        var visible = await factory.Admin().CreateInStatus("published", factory.Clock.GetUtcNow(), [tag]);

        var list = await (await factory.Anonymous().GetAsync($"/v1/articles?tag={tag}")).AssertOk();

        Assert.Equal(new[] { visible.Slug() }, list.Slugs());
        Assert.DoesNotContain(article.Slug(), list.Slugs());
    }

    [Theory]
    [MemberData(nameof(HiddenKinds))]
    public async Task Hidden_article_is_readable_with_the_admin_key(string kind)
    {
        var article = await CreateHidden(kind, Http.UniqueSlug("vis"));
        var admin = factory.Admin();

        var byId = await (await admin.GetAsync($"/v1/articles/{article.Id()}")).AssertOk();
        var bySlug = await (await admin.GetAsync($"/v1/articles/slug/{article.Slug()}")).AssertOk();

        Assert.Equal(article.Id(), byId.Id());
        Assert.Equal(article.Id(), bySlug.Id());
        Assert.Equal(kind == "expired" ? "published" : kind, byId.Text("status"));
    }

    [Theory]
    [MemberData(nameof(HiddenKinds))]
    public async Task Hidden_article_is_listed_with_the_admin_key_under_its_status_and_any(string kind)
    {
        var tag = Http.UniqueSlug("vis");
        var article = await CreateHidden(kind, tag);
        var admin = factory.Admin();
        var status = kind == "expired" ? "published" : kind;

        var byStatus = await (await admin.GetAsync($"/v1/articles?tag={tag}&status={status}")).AssertOk();
        var any = await (await admin.GetAsync($"/v1/articles?tag={tag}&status=any")).AssertOk();

        Assert.Equal(new[] { article.Slug() }, byStatus.Slugs());
        Assert.Equal(new[] { article.Slug() }, any.Slugs());
    }

    [Fact]
    public async Task List_by_status_holds_only_that_status()
    {
        var tag = Http.UniqueSlug("vis");
        var admin = factory.Admin();
        var now = factory.Clock.GetUtcNow();
        var byStatus = new Dictionary<string, string>();
        foreach (var status in WorkflowHttp.Statuses)
        {
            byStatus[status] = (await admin.CreateInStatus(status, now, [tag])).Slug();
        }

        foreach (var status in WorkflowHttp.Statuses)
        {
            var list = await (await admin.GetAsync($"/v1/articles?tag={tag}&status={status}")).AssertOk();
            Assert.Equal(new[] { byStatus[status] }, list.Slugs());
        }

        var any = await (await admin.GetAsync($"/v1/articles?tag={tag}&status=any")).AssertOk();
        Assert.Equal(byStatus.Values.Order(StringComparer.Ordinal), any.Slugs().Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(EditorOnlyStatuses))]
    public async Task List_with_an_editor_only_status_without_a_key_returns_403(string status)
    {
        var response = await factory.Anonymous().GetAsync($"/v1/articles?status={status}");

        await response.AssertProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Article_leaves_public_reads_when_the_clock_passes_its_expiry()
    {
        var tag = Http.UniqueSlug("vis");
        var article = await factory.Admin().CreateInStatus("published", factory.Clock.GetUtcNow(), [tag], expiresAt: factory.Clock.GetUtcNow().AddHours(1));
        var anonymous = factory.Anonymous();
        await (await anonymous.GetAsync($"/v1/articles/{article.Id()}")).AssertOk();
        Assert.Equal(new[] { article.Slug() }, (await (await anonymous.GetAsync($"/v1/articles?tag={tag}")).AssertOk()).Slugs());

        factory.Clock.Advance(TimeSpan.FromHours(1));

        await (await anonymous.GetAsync($"/v1/articles/{article.Id()}")).AssertProblem(HttpStatusCode.NotFound);
        await (await anonymous.GetAsync($"/v1/articles/slug/{article.Slug()}")).AssertProblem(HttpStatusCode.NotFound);
        Assert.Empty((await (await anonymous.GetAsync($"/v1/articles?tag={tag}")).AssertOk()).Slugs());
        await (await factory.Admin().GetAsync($"/v1/articles/{article.Id()}")).AssertOk();
    }

    [Theory]
    [MemberData(nameof(HiddenKinds))]
    public async Task Quotes_of_a_hidden_article_are_hidden_from_anonymous(string kind)
    {
        var article = await CreateHidden(kind, Http.UniqueSlug("vis"));
        var admin = factory.Admin();
        var quote = await (await admin.PostJson($"/v1/articles/{article.Id()}/quotes", new { text = "Not yet public.", speaker = "Ana Pérez" })).AssertOk(HttpStatusCode.Created);
        var quoteId = quote.Id();
        var anonymous = factory.Anonymous();

        await (await anonymous.GetAsync($"/v1/quotes/{quoteId}")).AssertProblem(HttpStatusCode.NotFound);
        await (await anonymous.GetAsync($"/v1/articles/{article.Id()}/quotes")).AssertProblem(HttpStatusCode.NotFound);
        Assert.Empty((await (await anonymous.GetAsync($"/v1/quotes?articleId={article.Id()}")).AssertOk())["data"]!.AsArray());

        await (await admin.GetAsync($"/v1/quotes/{quoteId}")).AssertOk();
        var forEditors = await (await admin.GetAsync($"/v1/articles/{article.Id()}/quotes")).AssertOk();
        Assert.Equal(new[] { quoteId }, forEditors["data"]!.AsArray().Select(q => q!.Id()));
    }

    [Fact]
    public async Task Quotes_of_a_published_article_are_public()
    {
        var admin = factory.Admin();
        var article = await admin.CreateInStatus("published", factory.Clock.GetUtcNow());
        var quote = await (await admin.PostJson($"/v1/articles/{article.Id()}/quotes", new { text = "On the record.", speaker = "Ana Pérez" })).AssertOk(HttpStatusCode.Created);

        await (await factory.Anonymous().GetAsync($"/v1/quotes/{quote.Id()}")).AssertOk();
    }

    [Fact]
    public async Task Tag_article_count_leaves_out_expired_drafts_and_archived_articles()
    {
        var tag = Http.UniqueSlug("count");
        var admin = factory.Admin();
        var now = factory.Clock.GetUtcNow();
        await admin.CreateInStatus("published", now, [tag]);
        await admin.CreateInStatus("published", now, [tag], expiresAt: now.AddHours(-1));
        await admin.CreateInStatus("draft", now, [tag]);
        await admin.CreateInStatus("archived", now, [tag]);
        await admin.CreateInStatus("published", now, [tag], expiresAt: now.AddHours(2));

        Assert.Equal(2, await ArticleCount(tag));

        factory.Clock.Advance(TimeSpan.FromHours(2));

        Assert.Equal(1, await ArticleCount(tag));
    }

    private async Task<int> ArticleCount(string tag) =>
        (await (await factory.Anonymous().GetAsync($"/v1/tags/slug/{tag}")).AssertOk())["articleCount"]!.GetValue<int>();

    /// <summary>An article the public may not see: in <paramref name="kind"/> status, or published with an expiry an hour ago.</summary>
    private Task<JsonNode> CreateHidden(string kind, string tag)
    {
        var now = factory.Clock.GetUtcNow();
        return kind == "expired"
            ? factory.Admin().CreateInStatus("published", now, [tag], expiresAt: now.AddHours(-1))
            : factory.Admin().CreateInStatus(kind, now, [tag]);
    }
}
