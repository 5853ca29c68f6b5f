using System.Net;
using System.Text.Json.Nodes;
using Headless.Api.Tests.Articles;
using Headless.Api.Tests.Infrastructure;

namespace Headless.Api.Tests.Workflow;

/// <summary>Every change stores a revision (the article at that version, with who made it); revisions can be read and restored.</summary>
public sealed class RevisionTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Revisions_are_listed_newest_first_with_actor_status_and_headline()
    {
        var history = await CreateHistory();

        var list = await (await factory.Admin().GetAsync($"/v1/articles/{history.Id}/revisions")).AssertOk();

        var data = list["data"]!.AsArray();
        Assert.Equal(new long[] { 4, 3, 2, 1 }, data.Select(r => r!["number"]!.GetValue<long>()));
        Assert.Equal(new[] { "published", "published", "draft", "draft" }, data.Select(r => r!.Text("status")));
        Assert.Equal(new[] { "Revision two", "Revision two", "Revision two", "Revision one" }, data.Select(r => r!.Text("headline")));
        foreach (var revision in data)
        {
            Assert.Null(revision!["actor"]!["keyId"]);
            Assert.True(revision["actor"]!.AsObject().ContainsKey("keyId"), "actor.keyId should be present (as null)");
            Assert.Equal("configuration admin key", revision["actor"]!.Text("name"));
            Assert.True(revision.Instant("createdAt") > DateTimeOffset.UtcNow.AddMinutes(-5));
        }
    }

    [Fact]
    public async Task Revisions_are_paged()
    {
        var history = await CreateHistory();
        var admin = factory.Admin();

        var first = await (await admin.GetAsync($"/v1/articles/{history.Id}/revisions?limit=3")).AssertOk();
        var second = await (await admin.GetAsync($"/v1/articles/{history.Id}/revisions?limit=3&cursor={first.NextCursor()}")).AssertOk();

        Assert.Equal(new long[] { 4, 3, 2 }, first["data"]!.AsArray().Select(r => r!["number"]!.GetValue<long>()));
        Assert.Equal(new long[] { 1 }, second["data"]!.AsArray().Select(r => r!["number"]!.GetValue<long>()));
    }

    [Fact]
    public async Task Revision_returns_the_full_article_at_that_version()
    {
        var history = await CreateHistory();
        var admin = factory.Admin();

        var first = await (await admin.GetAsync($"/v1/articles/{history.Id}/revisions/1")).AssertOk();
        var second = await (await admin.GetAsync($"/v1/articles/{history.Id}/revisions/2")).AssertOk();
        var third = await (await admin.GetAsync($"/v1/articles/{history.Id}/revisions/3")).AssertOk();
        var fourth = await (await admin.GetAsync($"/v1/articles/{history.Id}/revisions/4")).AssertOk();

        Assert.Equal(1, first["number"]!.GetValue<long>());
        Assert.Equal("configuration admin key", first["actor"]!.Text("name"));
        AssertArticle(first["article"]!, "Revision one", "Body of revision one.", "draft", 1, history.FirstTag);
        AssertArticle(second["article"]!, "Revision two", "Body of revision two.", "draft", 2, history.SecondTag);
        AssertArticle(third["article"]!, "Revision two", "Body of revision two.", "published", 3, history.SecondTag);
        Assert.NotNull(third["article"]!["publishedAt"]);
        Assert.Empty(third["article"]!["corrections"]!.AsArray());
        Assert.Equal("Revision two had a wrong date.", Assert.Single(fourth["article"]!["corrections"]!.AsArray())!.Text("note"));
        Assert.Equal("<p>Body of revision one.</p>", first["article"]!["body"]!.Text("html"));
        Assert.Equal("Body of revision one.", first["article"]!["body"]!.Text("text"));
    }

    [Fact]
    public async Task Revision_that_does_not_exist_returns_404()
    {
        var history = await CreateHistory();
        var admin = factory.Admin();

        await (await admin.GetAsync($"/v1/articles/{history.Id}/revisions/5")).AssertProblem(HttpStatusCode.NotFound);
        await (await admin.GetAsync($"/v1/articles/{history.Id}/revisions/0")).AssertProblem(HttpStatusCode.NotFound);
        await (await admin.GetAsync($"/v1/articles/{long.MaxValue - 1}/revisions/1")).AssertProblem(HttpStatusCode.NotFound);
        await (await admin.GetAsync($"/v1/articles/{long.MaxValue - 1}/revisions")).AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Restore_brings_back_the_content_as_a_new_revision_and_keeps_the_status()
    {
        var history = await CreateHistory();
        var admin = factory.Admin();
        var url = $"/v1/articles/{history.Id}";
        var current = await (await admin.GetAsync(url)).AssertOk();

        var response = await admin.Send(HttpMethod.Post, $"{url}/revisions/1/restore", ifMatch: await admin.CurrentETag(url));

        var restored = await response.AssertOk();
        Assert.Equal("Revision one", restored.Text("headline"));
        Assert.Equal("Body of revision one.", restored["body"]!.Text("markdown"));
        Assert.Equal(new[] { history.FirstTag }, restored.TagSlugs());
        Assert.Equal("published", restored.Text("status"));
        Assert.Equal(current.Instant("publishedAt"), restored.Instant("publishedAt"));
        Assert.Single(restored["corrections"]!.AsArray());
        Assert.Equal(5, restored.Version());
        Assert.Equal(WorkflowHttp.ETag("article", history.Id, 5), response.Headers.ETag?.ToString());

        var list = await (await admin.GetAsync($"{url}/revisions")).AssertOk();
        var newest = list["data"]![0]!;
        Assert.Equal(5, newest["number"]!.GetValue<long>());
        Assert.Equal("Revision one", newest.Text("headline"));
        Assert.Equal("published", newest.Text("status"));
        await (await factory.Anonymous().GetAsync($"/v1/articles/slug/{restored.Slug()}")).AssertOk();
    }

    [Fact]
    public async Task Restore_without_if_match_returns_428()
    {
        var history = await CreateHistory();
        var admin = factory.Admin();

        var response = await admin.Send(HttpMethod.Post, $"/v1/articles/{history.Id}/revisions/1/restore");

        await response.AssertProblem(HttpStatusCode.PreconditionRequired);
        Assert.Equal("Revision two", (await (await admin.GetAsync($"/v1/articles/{history.Id}")).AssertOk()).Text("headline"));
    }

    [Fact]
    public async Task Restore_with_a_stale_etag_returns_412_with_the_current_etag()
    {
        var history = await CreateHistory();
        var admin = factory.Admin();

        var response = await admin.Send(HttpMethod.Post, $"/v1/articles/{history.Id}/revisions/1/restore", ifMatch: WorkflowHttp.ETag("article", history.Id, 3));

        await response.AssertProblem(HttpStatusCode.PreconditionFailed);
        Assert.Equal(WorkflowHttp.ETag("article", history.Id, 4), response.Headers.ETag?.ToString());
        Assert.Equal("Revision two", (await (await admin.GetAsync($"/v1/articles/{history.Id}")).AssertOk()).Text("headline"));
    }

    [Fact]
    public async Task Restore_of_a_revision_that_does_not_exist_returns_404()
    {
        var history = await CreateHistory();

        var response = await factory.Admin().Send(HttpMethod.Post, $"/v1/articles/{history.Id}/revisions/9/restore", ifMatch: "*");

        await response.AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Restore_of_a_revision_whose_slug_is_now_taken_returns_409()
    {
        var admin = factory.Admin();
        var oldSlug = Http.UniqueSlug("rev");
        var newSlug = Http.UniqueSlug("rev");
        var article = await admin.CreateArticle(slug: oldSlug);
        var url = $"/v1/articles/{article.Id()}";
        await (await admin.PutCurrent(url, new { headline = "Renamed", slug = newSlug })).AssertOk();
        await admin.CreateArticle(slug: oldSlug);

        var response = await admin.Send(HttpMethod.Post, $"{url}/revisions/1/restore", ifMatch: await admin.CurrentETag(url));

        await response.AssertProblem(HttpStatusCode.Conflict);
        var read = await (await admin.GetAsync(url)).AssertOk();
        Assert.Equal(newSlug, read.Slug());
        Assert.Equal(2, read.Version());
    }

    [Fact]
    public async Task Revision_endpoints_without_a_key_return_401()
    {
        var history = await CreateHistory();
        var anonymous = factory.Anonymous();

        await (await anonymous.GetAsync($"/v1/articles/{history.Id}/revisions")).AssertProblem(HttpStatusCode.Unauthorized);
        await (await anonymous.GetAsync($"/v1/articles/{history.Id}/revisions/1")).AssertProblem(HttpStatusCode.Unauthorized);
        await (await anonymous.Send(HttpMethod.Post, $"/v1/articles/{history.Id}/revisions/1/restore", ifMatch: "*")).AssertProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Deleting_the_article_removes_its_revisions()
    {
        var history = await CreateHistory();
        var admin = factory.Admin();

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteCurrent($"/v1/articles/{history.Id}")).StatusCode);

        await (await admin.GetAsync($"/v1/articles/{history.Id}/revisions")).AssertProblem(HttpStatusCode.NotFound);
        await (await admin.GetAsync($"/v1/articles/{history.Id}/revisions/1")).AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Patch_and_workflow_operations_each_store_a_revision()
    {
        var admin = factory.Admin();
        var article = await admin.CreateArticle(status: "draft");
        var url = $"/v1/articles/{article.Id()}";
        await (await admin.PatchMerge(url, new { dek = "Patched" })).AssertOk();
        await (await admin.Transition(article.Id(), "schedule", DateTimeOffset.UtcNow.AddDays(1))).AssertOk();
        await (await admin.Transition(article.Id(), "archive")).AssertOk();

        var list = await (await admin.GetAsync($"{url}/revisions")).AssertOk();

        Assert.Equal(new[] { "archived", "scheduled", "draft", "draft" }, list["data"]!.AsArray().Select(r => r!.Text("status")));
        var patched = await (await admin.GetAsync($"{url}/revisions/2")).AssertOk();
        Assert.Equal("Patched", patched["article"]!.Text("dek"));
    }

    private static void AssertArticle(JsonNode article, string headline, string markdown, string status, long version, string tag)
    {
        Assert.Equal(headline, article.Text("headline"));
        Assert.Equal(markdown, article["body"]!.Text("markdown"));
        Assert.Equal(status, article.Text("status"));
        Assert.Equal(version, article.Version());
        Assert.Equal(new[] { tag }, article.TagSlugs());
    }

    /// <summary>An article with four revisions: created as a draft (1), replaced (2), published (3), corrected (4).</summary>
    private async Task<History> CreateHistory()
    {
        var admin = factory.Admin();
        var firstTag = Http.UniqueSlug("rev");
        var secondTag = Http.UniqueSlug("rev");
        var created = await (await admin.PostJson("/v1/articles", new
        {
            headline = "Revision one",
            slug = Http.UniqueSlug("rev"),
            body = "Body of revision one.",
            tags = new[] { firstTag },
        })).AssertOk(HttpStatusCode.Created);
        var id = created.Id();
        await (await admin.PutCurrent($"/v1/articles/{id}", new { headline = "Revision two", body = "Body of revision two.", tags = new[] { secondTag } })).AssertOk();
        await (await admin.Transition(id, "publish")).AssertOk();
        await (await admin.PostJson($"/v1/articles/{id}/corrections", new { note = "Revision two had a wrong date." })).AssertOk(HttpStatusCode.Created);
        return new History(id, firstTag, secondTag);
    }

    private sealed record History(long Id, string FirstTag, string SecondTag);
}
