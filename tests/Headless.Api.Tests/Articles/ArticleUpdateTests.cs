using System.Net;
using Headless.Api.Tests.Infrastructure;

namespace Headless.Api.Tests.Articles;

public sealed class ArticleUpdateTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Put_replaces_every_field_and_clears_those_left_out()
    {
        var admin = factory.Admin();
        var created = await (await admin.PostJson("/v1/articles", new
        {
            headline = "Before",
            slug = Http.UniqueSlug("replace"),
            dek = "Old dek",
            body = "Old body.",
            excerpt = "Old excerpt",
            section = "World",
            byline = "Old byline",
            language = "es",
            canonicalUrl = "https://example.com/old",
            featuredImage = new { url = "/old.jpg", alt = "old" },
            status = "published",
            tags = new[] { Http.UniqueSlug("old") },
        })).AssertOk(HttpStatusCode.Created);

        var response = await admin.PutCurrent($"/v1/articles/{created.Id()}", new { headline = "After", body = "New body here." });

        var updated = await response.AssertOk();
        Assert.Equal(created.Id(), updated.Id());
        Assert.Equal("After", updated.Text("headline"));
        Assert.Null(updated["dek"]);
        Assert.Null(updated["section"]);
        Assert.Null(updated["byline"]);
        Assert.Null(updated["canonicalUrl"]);
        Assert.Null(updated["featuredImage"]);
        Assert.Equal("en", updated.Text("language"));
        Assert.Equal("published", updated.Text("status"));
        Assert.Equal(created.Instant("publishedAt"), updated.Instant("publishedAt"));
        Assert.Empty(updated["tags"]!.AsArray());
        Assert.Equal("New body here.", updated.Text("excerpt"));
        Assert.Equal("New body here.", updated["body"]!.Text("markdown"));
        Assert.Equal("New body here.", updated["body"]!.Text("text"));
        Assert.Equal("<p>New body here.</p>", updated["body"]!.Text("html"));
        Assert.Equal(3, updated["wordCount"]!.GetValue<int>());
        Assert.Equal(created.Instant("createdAt"), updated.Instant("createdAt"));

        var read = await (await admin.GetAsync($"/v1/articles/{created.Id()}")).AssertOk();
        Assert.Equal("After", read.Text("headline"));
        Assert.Null(read["dek"]);
    }

    [Fact]
    public async Task Put_without_slug_keeps_the_slug()
    {
        var admin = factory.Admin();
        var created = await admin.CreateArticle();

        var updated = await (await admin.PutCurrent($"/v1/articles/{created.Id()}", new { headline = "A completely new headline" })).AssertOk();

        Assert.Equal(created.Slug(), updated.Slug());
    }

    [Fact]
    public async Task Put_with_new_slug_changes_it()
    {
        var admin = factory.Admin();
        var created = await admin.CreateArticle();
        var newSlug = Http.UniqueSlug("renamed");

        var updated = await (await admin.PutCurrent($"/v1/articles/{created.Id()}", new { headline = "Renamed", slug = newSlug })).AssertOk();

        Assert.Equal(newSlug, updated.Slug());
        await (await factory.Anonymous().GetAsync($"/v1/articles/slug/{newSlug}")).AssertOk();
        await (await factory.Anonymous().GetAsync($"/v1/articles/slug/{created.Slug()}")).AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Put_with_its_own_slug_succeeds()
    {
        var admin = factory.Admin();
        var created = await admin.CreateArticle();

        var updated = await (await admin.PutCurrent($"/v1/articles/{created.Id()}", new { headline = "Same slug", slug = created.Slug() })).AssertOk();

        Assert.Equal(created.Slug(), updated.Slug());
    }

    [Fact]
    public async Task Put_with_taken_slug_returns_409()
    {
        var admin = factory.Admin();
        var mine = await admin.CreateArticle();
        var other = await admin.CreateArticle();

        var response = await admin.PutCurrent($"/v1/articles/{mine.Id()}", new { headline = "Steal", slug = other.Slug() });

        var problem = await response.AssertProblem(HttpStatusCode.Conflict);
        Assert.Equal(other.Slug(), problem.Text("slug"));
        var read = await (await admin.GetAsync($"/v1/articles/{mine.Id()}")).AssertOk();
        Assert.Equal(mine.Slug(), read.Slug());
        Assert.Equal(mine.Text("headline"), read.Text("headline"));
        Assert.Equal(1, read["version"]!.GetValue<long>());
    }

    [Fact]
    public async Task Put_increments_version_and_changes_updatedAt()
    {
        var admin = factory.Admin();
        var created = await admin.CreateArticle();
        await Task.Delay(5);

        var first = await (await admin.PutCurrent($"/v1/articles/{created.Id()}", new { headline = "One" })).AssertOk();
        await Task.Delay(5);
        var second = await (await admin.PutCurrent($"/v1/articles/{created.Id()}", new { headline = "Two" })).AssertOk();

        Assert.Equal(1, created["version"]!.GetValue<long>());
        Assert.Equal(2, first["version"]!.GetValue<long>());
        Assert.Equal(3, second["version"]!.GetValue<long>());
        Assert.True(first.Instant("updatedAt") > created.Instant("updatedAt"));
        Assert.True(second.Instant("updatedAt") > first.Instant("updatedAt"));
        Assert.Equal(created.Instant("createdAt"), second.Instant("createdAt"));
    }

    [Fact]
    public async Task Put_keeps_status_and_publish_time()
    {
        var admin = factory.Admin();
        var created = await admin.CreateArticle(status: "published");
        await Task.Delay(5);

        var updated = await (await admin.PutCurrent($"/v1/articles/{created.Id()}", new { headline = "Correction" })).AssertOk();

        Assert.Equal("published", updated.Text("status"));
        Assert.Equal(created.Instant("publishedAt"), updated.Instant("publishedAt"));
        Assert.True(updated.Instant("updatedAt") > created.Instant("updatedAt"));
    }

    [Fact]
    public async Task Put_with_status_or_publishedAt_is_refused_as_unknown_properties()
    {
        var admin = factory.Admin();
        var created = await admin.CreateArticle(status: "draft");

        var problem = await (await admin.PutCurrent($"/v1/articles/{created.Id()}", new { headline = "Out now", status = "published" })).AssertProblem(HttpStatusCode.BadRequest);
        Assert.Equal("$.status", problem.Text("jsonPath"));
        problem = await (await admin.PutCurrent($"/v1/articles/{created.Id()}", new { headline = "Backdated", publishedAt = "2021-06-01T12:00:00Z" })).AssertProblem(HttpStatusCode.BadRequest);
        Assert.Equal("$.publishedAt", problem.Text("jsonPath"));
    }

    [Fact]
    public async Task Put_unknown_id_returns_404()
    {
        var response = await factory.Admin().PutJson("/v1/articles/987654321", new { headline = "Nobody home", tags = new[] { "ghost" } });

        await response.AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Put_replaces_tags_in_the_given_order()
    {
        var admin = factory.Admin();
        var kept = Http.UniqueSlug("kept");
        var dropped = Http.UniqueSlug("dropped");
        var added = Http.UniqueSlug("added");
        var created = await admin.CreateArticle(tags: [dropped, kept]);

        var updated = await (await admin.PutCurrent($"/v1/articles/{created.Id()}", new { headline = "Retagged", tags = new[] { added, kept, added } })).AssertOk();

        Assert.Equal([added, kept], updated.TagSlugs());
        var withDropped = await (await factory.Anonymous().GetAsync($"/v1/articles?tag={dropped}")).AssertOk();
        Assert.Empty(withDropped["data"]!.AsArray());
        var withAdded = await (await factory.Anonymous().GetAsync($"/v1/articles?tag={added}")).AssertOk();
        Assert.Equal([created.Slug()], withAdded.Slugs());
    }

    [Fact]
    public async Task Put_answers_every_body_format()
    {
        var admin = factory.Admin();
        var created = await admin.CreateArticle();

        var updated = await (await admin.PutCurrent($"/v1/articles/{created.Id()}", new { headline = "Formats", body = "**Bold** move." })).AssertOk();

        Assert.Equal("<p><strong>Bold</strong> move.</p>", updated["body"]!.Text("html"));
        Assert.Equal("Bold move.", updated["body"]!.Text("text"));
        Assert.Equal("**Bold** move.", updated["body"]!.Text("markdown"));
    }
}
