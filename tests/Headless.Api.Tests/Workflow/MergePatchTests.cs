using System.Net;
using System.Text.Json.Nodes;
using Headless.Api.Tests.Articles;
using Headless.Api.Tests.Infrastructure;

namespace Headless.Api.Tests.Workflow;

/// <summary>JSON Merge Patch (RFC 7396) on articles and tags.</summary>
public sealed class MergePatchTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string MergePatchType = "application/merge-patch+json";

    public static TheoryData<string> Kinds() => new("article", "tag");

    [Fact]
    public async Task Patch_changes_only_the_given_fields()
    {
        var admin = factory.Admin();
        var article = await CreateFullArticle(admin);

        var response = await admin.PatchMerge($"/v1/articles/{article.Id()}", new { headline = "Patched headline" });

        var patched = await response.AssertOk();
        Assert.Equal("Patched headline", patched.Text("headline"));
        Assert.Equal(article.Version() + 1, patched.Version());
        Assert.Equal(WorkflowHttp.ETag("article", article.Id(), article.Version() + 1), response.Headers.ETag?.ToString());
        foreach (var field in new[] { "slug", "dek", "excerpt", "section", "byline", "language", "canonicalUrl", "status", "publishedAt", "expiresAt" })
        {
            Assert.True(JsonNode.DeepEquals(article[field], patched[field]), $"{field} changed: {article[field]} → {patched[field]}");
        }

        Assert.True(JsonNode.DeepEquals(article["featuredImage"], patched["featuredImage"]));
        Assert.Equal(article.TagSlugs(), patched.TagSlugs());
        Assert.Equal(article["body"]!.Text("markdown"), patched["body"]!.Text("markdown"));
    }

    [Fact]
    public async Task Patch_with_null_clears_an_optional_field()
    {
        var admin = factory.Admin();
        var article = await CreateFullArticle(admin);

        var patched = await (await admin.PatchMerge($"/v1/articles/{article.Id()}", new JsonObject { ["dek"] = null })).AssertOk();

        Assert.Null(patched["dek"]);
        Assert.Equal(article.Text("headline"), patched.Text("headline"));
        Assert.Equal(article.Text("section"), patched.Text("section"));
        Assert.Null((await (await admin.GetAsync($"/v1/articles/{article.Id()}")).AssertOk())["dek"]);
    }

    [Fact]
    public async Task Patch_can_replace_a_nested_field_of_the_featured_image()
    {
        var admin = factory.Admin();
        var article = await CreateFullArticle(admin);

        var patched = await (await admin.PatchMerge($"/v1/articles/{article.Id()}", new { featuredImage = new { alt = "New alt" } })).AssertOk();

        Assert.Equal("New alt", patched["featuredImage"]!.Text("alt"));
        Assert.Equal(article["featuredImage"]!.Text("url"), patched["featuredImage"]!.Text("url"));
    }

    [Fact]
    public async Task Patch_with_null_headline_returns_400_naming_headline()
    {
        var admin = factory.Admin();
        var article = await CreateFullArticle(admin);

        var response = await admin.PatchMerge($"/v1/articles/{article.Id()}", new JsonObject { ["headline"] = null });

        await response.AssertFieldError("headline");
        Assert.Equal(article.Version(), (await (await admin.GetAsync($"/v1/articles/{article.Id()}")).AssertOk()).Version());
    }

    [Fact]
    public async Task Patch_with_an_invalid_value_returns_400_naming_the_field()
    {
        var admin = factory.Admin();
        var article = await CreateFullArticle(admin);

        await (await admin.PatchMerge($"/v1/articles/{article.Id()}", new { slug = "Not A Slug" })).AssertFieldError("slug");
    }

    [Fact]
    public async Task Patch_with_an_unknown_property_returns_400()
    {
        var admin = factory.Admin();
        var article = await CreateFullArticle(admin);

        var response = await admin.PatchMerge($"/v1/articles/{article.Id()}", new { colour = "red" });

        await response.AssertProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Patch_that_tries_to_change_status_returns_400()
    {
        var admin = factory.Admin();
        var article = await admin.CreateArticle(status: "draft");

        var response = await admin.PatchMerge($"/v1/articles/{article.Id()}", new { status = "published" });

        await response.AssertProblem(HttpStatusCode.BadRequest);
        Assert.Equal("draft", (await (await admin.GetAsync($"/v1/articles/{article.Id()}")).AssertOk()).Text("status"));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Patch_sent_as_application_json_returns_415(string kind)
    {
        var admin = factory.Admin();
        var url = await CreateUrl(admin, kind);

        var response = await admin.Send(HttpMethod.Patch, url, "{\"description\":\"x\"}", ifMatch: "*", contentType: "application/json");

        await response.AssertProblem(HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("[1]")]
    [InlineData("\"headline\"")]
    [InlineData("null")]
    [InlineData("{\"headline\": ")]
    public async Task Patch_that_is_not_a_json_object_returns_400(string body)
    {
        var admin = factory.Admin();
        var article = await CreateFullArticle(admin);

        var response = await admin.Send(HttpMethod.Patch, $"/v1/articles/{article.Id()}", body, ifMatch: "*", contentType: MergePatchType);

        await response.AssertProblem(HttpStatusCode.BadRequest);
        Assert.Equal(article.Version(), (await (await admin.GetAsync($"/v1/articles/{article.Id()}")).AssertOk()).Version());
    }

    [Fact]
    public async Task Patch_of_the_body_derives_the_excerpt_again_when_it_was_derived()
    {
        var admin = factory.Admin();
        var article = await admin.CreateArticle(body: "Old first paragraph.\n\nOld second.");
        Assert.Equal("Old first paragraph.", article.Text("excerpt"));

        var patched = await (await admin.PatchMerge($"/v1/articles/{article.Id()}", new { body = "New first paragraph.\n\nNew second." })).AssertOk();

        Assert.Equal("New first paragraph.", patched.Text("excerpt"));
        Assert.Equal("New first paragraph.\n\nNew second.", patched["body"]!.Text("markdown"));
    }

    [Fact]
    public async Task Patch_of_the_body_keeps_an_explicit_excerpt()
    {
        var admin = factory.Admin();
        var article = await CreateFullArticle(admin);

        var patched = await (await admin.PatchMerge($"/v1/articles/{article.Id()}", new { body = "A new body altogether." })).AssertOk();

        Assert.Equal("Written by hand", patched.Text("excerpt"));
    }

    [Fact]
    public async Task Patch_of_tags_replaces_the_tag_list()
    {
        var admin = factory.Admin();
        var article = await CreateFullArticle(admin);
        var tag = Http.UniqueSlug("patched");

        var patched = await (await admin.PatchMerge($"/v1/articles/{article.Id()}", new { tags = new[] { tag } })).AssertOk();

        Assert.Equal(new[] { tag }, patched.TagSlugs());
    }

    [Fact]
    public async Task Tag_patch_changes_only_the_description()
    {
        var admin = factory.Admin();
        var slug = Http.UniqueSlug("ptag");
        var tag = await (await admin.PostJson("/v1/tags", new { name = "Patched tag", slug, description = "Before" })).AssertOk(HttpStatusCode.Created);

        var response = await admin.PatchMerge($"/v1/tags/{tag.Id()}", new { description = "After" });

        var patched = await response.AssertOk();
        Assert.Equal("After", patched.Text("description"));
        Assert.Equal("Patched tag", patched.Text("name"));
        Assert.Equal(slug, patched.Slug());
        Assert.Equal(2, patched.Version());
        Assert.Equal(WorkflowHttp.ETag("tag", tag.Id(), 2), response.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task Tag_patch_with_null_clears_the_description()
    {
        var admin = factory.Admin();
        var tag = await (await admin.PostJson("/v1/tags", new { name = "Cleared", slug = Http.UniqueSlug("ptag"), description = "Before" })).AssertOk(HttpStatusCode.Created);

        var patched = await (await admin.PatchMerge($"/v1/tags/{tag.Id()}", new JsonObject { ["description"] = null })).AssertOk();

        Assert.Null(patched["description"]);
        Assert.Equal("Cleared", patched.Text("name"));
    }

    [Fact]
    public async Task Tag_patch_with_an_unknown_property_returns_400()
    {
        var admin = factory.Admin();
        var tag = await (await admin.PostJson("/v1/tags", new { name = "Strict", slug = Http.UniqueSlug("ptag") })).AssertOk(HttpStatusCode.Created);

        await (await admin.PatchMerge($"/v1/tags/{tag.Id()}", new { articleCount = 3 })).AssertProblem(HttpStatusCode.BadRequest);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Patch_without_if_match_returns_428(string kind)
    {
        var admin = factory.Admin();
        var url = await CreateUrl(admin, kind);

        var field = kind == "tag" ? "description" : "dek";

        var response = await admin.Send(HttpMethod.Patch, url, $"{{\"{field}\":\"x\"}}", contentType: MergePatchType);

        await response.AssertProblem(HttpStatusCode.PreconditionRequired);
        Assert.Equal(1, (await (await admin.GetAsync(url)).AssertOk()).Version());
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Patch_with_a_stale_etag_returns_412_with_the_current_etag(string kind)
    {
        var admin = factory.Admin();
        var url = await CreateUrl(admin, kind);
        var stale = await admin.CurrentETag(url);
        var field = kind == "tag" ? "description" : "dek";
        await (await admin.PatchMerge(url, new JsonObject { [field] = "First" })).AssertOk();

        var response = await admin.PatchMerge(url, new JsonObject { [field] = "Second" }, ifMatch: stale);

        await response.AssertProblem(HttpStatusCode.PreconditionFailed);
        Assert.EndsWith("-2\"", response.Headers.ETag?.ToString());
        Assert.Equal("First", (await (await admin.GetAsync(url)).AssertOk()).Text(field));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Patch_of_an_unknown_resource_returns_404(string kind)
    {
        var url = kind == "tag" ? $"/v1/tags/{long.MaxValue - 1}" : $"/v1/articles/{long.MaxValue - 1}";

        var response = await factory.Admin().PatchMerge(url, new { }, ifMatch: "*");

        await response.AssertProblem(HttpStatusCode.NotFound);
    }

    private static async Task<JsonNode> CreateFullArticle(HttpClient admin) =>
        await (await admin.PostJson("/v1/articles", new
        {
            headline = "Full article",
            slug = Http.UniqueSlug("patch"),
            dek = "The dek",
            body = "First paragraph.\n\nSecond paragraph.",
            excerpt = "Written by hand",
            section = "World",
            byline = "A. Reporter",
            language = "es",
            canonicalUrl = "https://example.com/full",
            featuredImage = new { url = "/full.jpg", alt = "Full", caption = "A caption", credit = "A credit" },
            expiresAt = DateTimeOffset.UtcNow.AddYears(1),
            tags = new[] { Http.UniqueSlug("one"), Http.UniqueSlug("two") },
            status = "published",
        })).AssertOk(HttpStatusCode.Created);

    private static async Task<string> CreateUrl(HttpClient admin, string kind)
    {
        if (kind == "tag")
        {
            var tag = await (await admin.PostJson("/v1/tags", new { name = "Patchable", slug = Http.UniqueSlug("ptag") })).AssertOk(HttpStatusCode.Created);
            return $"/v1/tags/{tag.Id()}";
        }

        return $"/v1/articles/{(await CreateFullArticle(admin)).Id()}";
    }
}
