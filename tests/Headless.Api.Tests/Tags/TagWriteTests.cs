using System.Net;
using Headless.Api.Tests.Infrastructure;

namespace Headless.Api.Tests.Tags;

public sealed class TagWriteTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Post_returns_201_with_location_of_the_new_tag()
    {
        var slug = Http.UniqueSlug("created");
        var response = await factory.Admin().PostJson("/v1/tags", new { name = "Created", slug });

        var created = await response.AssertOk(HttpStatusCode.Created);
        var id = created["id"]!.GetValue<long>();
        Assert.Equal($"/v1/tags/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal(slug, created["slug"]!.GetValue<string>());
        var fetched = await (await factory.Anonymous().GetAsync(response.Headers.Location)).AssertOk();
        Assert.Equal(slug, fetched["slug"]!.GetValue<string>());
    }

    [Fact]
    public async Task Post_without_slug_makes_one_from_the_name_folding_diacritics()
    {
        var response = await factory.Admin().PostJson("/v1/tags", new { name = "Política Exterior" });

        var created = await response.AssertOk(HttpStatusCode.Created);
        Assert.Equal("politica-exterior", created["slug"]!.GetValue<string>());
        Assert.Equal("Política Exterior", created["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Post_trims_name_and_stores_blank_description_as_null()
    {
        var slug = Http.UniqueSlug("trim");
        var response = await factory.Admin().PostJson("/v1/tags", new { name = "  Trimmed  ", slug, description = "   " });

        var created = await response.AssertOk(HttpStatusCode.Created);
        Assert.Equal("Trimmed", created["name"]!.GetValue<string>());
        Assert.Null(created["description"]);
    }

    [Fact]
    public async Task Post_with_taken_slug_returns_409_problem()
    {
        var admin = factory.Admin();
        var existing = await admin.CreateTag();
        var slug = existing["slug"]!.GetValue<string>();

        var response = await admin.PostJson("/v1/tags", new { name = "Another", slug });

        var problem = await response.AssertProblem(HttpStatusCode.Conflict);
        Assert.Equal(slug, problem["slug"]!.GetValue<string>());
    }

    [Fact]
    public async Task Post_whose_name_makes_a_taken_slug_returns_409_problem()
    {
        var admin = factory.Admin();
        var name = $"Same Name {Guid.NewGuid():N}";
        await (await admin.PostJson("/v1/tags", new { name })).AssertOk(HttpStatusCode.Created);

        var response = await admin.PostJson("/v1/tags", new { name });

        await response.AssertProblem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Put_replaces_name_and_description_and_keeps_slug_when_omitted()
    {
        var admin = factory.Admin();
        var tag = await admin.CreateTag(description: "Old description.");
        var id = tag["id"]!.GetValue<long>();

        var response = await admin.PutCurrent($"/v1/tags/{id}", new { name = "Renamed" });

        var updated = await response.AssertOk();
        Assert.Equal("Renamed", updated["name"]!.GetValue<string>());
        Assert.Null(updated["description"]);
        Assert.Equal(tag["slug"]!.GetValue<string>(), updated["slug"]!.GetValue<string>());
        var fetched = await (await factory.Anonymous().GetAsync($"/v1/tags/{id}")).AssertOk();
        Assert.Equal("Renamed", fetched["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Put_with_new_slug_changes_it()
    {
        var admin = factory.Admin();
        var tag = await admin.CreateTag();
        var newSlug = Http.UniqueSlug("moved");

        var response = await admin.PutCurrent($"/v1/tags/{tag["id"]}", new { name = "Moved", slug = newSlug });

        Assert.Equal(newSlug, (await response.AssertOk())["slug"]!.GetValue<string>());
        await (await factory.Anonymous().GetAsync($"/v1/tags/slug/{newSlug}")).AssertOk();
        await (await factory.Anonymous().GetAsync($"/v1/tags/slug/{tag["slug"]!.GetValue<string>()}")).AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Put_increments_version_and_updated_at()
    {
        var admin = factory.Admin();
        var tag = await admin.CreateTag();
        var id = tag["id"]!.GetValue<long>();

        var first = await (await admin.PutCurrent($"/v1/tags/{id}", new { name = "Once" })).AssertOk();
        var second = await (await admin.PutCurrent($"/v1/tags/{id}", new { name = "Twice" })).AssertOk();

        Assert.Equal(1, tag["version"]!.GetValue<long>());
        Assert.Equal(2, first["version"]!.GetValue<long>());
        Assert.Equal(3, second["version"]!.GetValue<long>());
        Assert.Equal(tag["createdAt"]!.GetValue<string>(), second["createdAt"]!.GetValue<string>());
        Assert.True(DateTimeOffset.Parse(second["updatedAt"]!.GetValue<string>()) >= DateTimeOffset.Parse(tag["updatedAt"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Put_with_slug_of_another_tag_returns_409_problem()
    {
        var admin = factory.Admin();
        var taken = await admin.CreateTag();
        var tag = await admin.CreateTag();

        var response = await admin.PutCurrent($"/v1/tags/{tag["id"]}", new { name = "Clash", slug = taken["slug"]!.GetValue<string>() });

        await response.AssertProblem(HttpStatusCode.Conflict);
        var unchanged = await (await factory.Anonymous().GetAsync($"/v1/tags/{tag["id"]}")).AssertOk();
        Assert.Equal(tag["slug"]!.GetValue<string>(), unchanged["slug"]!.GetValue<string>());
        Assert.Equal(1, unchanged["version"]!.GetValue<long>());
    }

    [Fact]
    public async Task Put_with_its_own_slug_is_not_a_conflict()
    {
        var admin = factory.Admin();
        var tag = await admin.CreateTag();

        var response = await admin.PutCurrent($"/v1/tags/{tag["id"]}", new { name = "Same slug", slug = tag["slug"]!.GetValue<string>() });

        await response.AssertOk();
    }

    [Fact]
    public async Task Put_with_unknown_id_returns_404()
    {
        var response = await factory.Admin().PutJson("/v1/tags/987654321", new { name = "Nobody" });
        await response.AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Delete_returns_204_then_the_tag_is_gone()
    {
        var admin = factory.Admin();
        var tag = await admin.CreateTag();
        var id = tag["id"]!.GetValue<long>();

        var response = await admin.DeleteCurrent($"/v1/tags/{id}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await (await factory.Anonymous().GetAsync($"/v1/tags/{id}")).AssertProblem(HttpStatusCode.NotFound);
        await (await admin.DeleteCurrent($"/v1/tags/{id}")).AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Delete_with_unknown_id_returns_404()
    {
        var response = await factory.Admin().DeleteAsync("/v1/tags/987654321");
        await response.AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Deleting_a_tag_removes_it_from_articles_and_keeps_the_articles()
    {
        var admin = factory.Admin();
        var doomed = await admin.CreateTag();
        var kept = await admin.CreateTag();
        var article = await admin.CreateArticle(tags: [doomed["slug"]!.GetValue<string>(), kept["slug"]!.GetValue<string>()]);
        var articleId = article["id"]!.GetValue<long>();

        (await admin.DeleteCurrent($"/v1/tags/{doomed["id"]}")).EnsureSuccessStatusCode();

        var after = await (await factory.Anonymous().GetAsync($"/v1/articles/{articleId}")).AssertOk();
        var tagSlugs = after["tags"]!.AsArray().Select(t => t!["slug"]!.GetValue<string>()).ToList();
        Assert.Equal([kept["slug"]!.GetValue<string>()], tagSlugs);
        var listed = await (await factory.Anonymous().GetAsync($"/v1/articles?tag={doomed["slug"]!.GetValue<string>()}")).AssertOk();
        Assert.Empty(listed["data"]!.AsArray());
    }
}
