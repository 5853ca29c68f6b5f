using System.Net;
using System.Text.Json.Nodes;
using Headless.Api.Tests.Infrastructure;

namespace Headless.Api.Tests.Articles;

public sealed class ArticleValidationTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("headline", "null", "headline")]
    [InlineData("headline", "\"\"", "headline")]
    [InlineData("headline", "\"   \"", "headline")]
    [InlineData("slug", "\"Upper-Case\"", "slug")]
    [InlineData("slug", "\"with space\"", "slug")]
    [InlineData("slug", "\"double--hyphen\"", "slug")]
    [InlineData("slug", "\"-leading\"", "slug")]
    [InlineData("slug", "\"trailing-\"", "slug")]
    [InlineData("slug", "\"\"", "slug")]
    [InlineData("slug", "\"under_score\"", "slug")]
    [InlineData("language", "\"english\"", "language")]
    [InlineData("language", "\"en_US\"", "language")]
    [InlineData("language", "\"e\"", "language")]
    [InlineData("language", "\"\"", "language")]
    [InlineData("canonicalUrl", "\"/relative/path\"", "canonicalUrl")]
    [InlineData("canonicalUrl", "\"javascript:alert(1)\"", "canonicalUrl")]
    [InlineData("canonicalUrl", "\"ftp://example.com/file\"", "canonicalUrl")]
    [InlineData("canonicalUrl", "\"example.com/no-scheme\"", "canonicalUrl")]
    [InlineData("featuredImage", "{}", "featuredImage.url")]
    [InlineData("featuredImage", "{\"url\":\"\"}", "featuredImage.url")]
    [InlineData("featuredImage", "{\"url\":\"javascript:alert(1)\"}", "featuredImage.url")]
    [InlineData("featuredImage", "{\"url\":\"//evil.example.com/a.jpg\"}", "featuredImage.url")]
    [InlineData("featuredImage", "{\"url\":\"images/a.jpg\"}", "featuredImage.url")]
    [InlineData("publishedAt", "\"2999-01-01T00:00:00Z\"", "publishedAt")]
    [InlineData("tags", "[\"Not A Slug\"]", "tags[0]")]
    [InlineData("tags", "[\"ok\", \"bad--slug\"]", "tags[1]")]
    public async Task Post_with_invalid_field_returns_400_naming_it(string field, string valueJson, string errorKey)
    {
        var request = ArticleRequests.Valid();
        request[field] = JsonNode.Parse(valueJson);

        var response = await factory.Admin().PostJson("/v1/articles", request);

        await response.AssertFieldError(errorKey);
    }

    [Fact]
    public async Task Post_without_headline_returns_400()
    {
        var request = ArticleRequests.Valid();
        request.Remove("headline");

        var response = await factory.Admin().PostJson("/v1/articles", request);

        var problem = await response.AssertFieldError("headline");
        Assert.Contains("required", problem["errors"]!["headline"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Post_with_headline_at_300_characters_is_accepted_and_over_300_is_400()
    {
        var admin = factory.Admin();
        var atLimit = ArticleRequests.Valid();
        atLimit["headline"] = new string('h', 300);
        var overLimit = ArticleRequests.Valid();
        overLimit["headline"] = new string('h', 301);

        await (await admin.PostJson("/v1/articles", atLimit)).AssertOk(HttpStatusCode.Created);
        await (await admin.PostJson("/v1/articles", overLimit)).AssertFieldError("headline");
    }

    [Fact]
    public async Task Post_with_slug_at_120_characters_is_accepted_and_over_120_is_400()
    {
        var admin = factory.Admin();
        var prefix = Http.UniqueSlug("long");
        var atLimit = ArticleRequests.Valid(prefix + "-" + new string('a', 119 - prefix.Length));
        var overLimit = ArticleRequests.Valid(prefix + "-" + new string('b', 120 - prefix.Length));

        var created = await (await admin.PostJson("/v1/articles", atLimit)).AssertOk(HttpStatusCode.Created);
        Assert.Equal(120, created.Slug().Length);
        await (await admin.PostJson("/v1/articles", overLimit)).AssertFieldError("slug");
    }

    [Fact]
    public async Task Post_with_body_over_one_megabyte_of_utf8_returns_400()
    {
        // 349,526 three-byte characters: under a million characters but over 1 MB of UTF-8.
        var request = ArticleRequests.Valid();
        request["body"] = new string('€', (1024 * 1024 / 3) + 1);

        var response = await factory.Admin().PostJson("/v1/articles", request);

        await response.AssertFieldError("body");
    }

    [Fact]
    public async Task Post_with_body_of_exactly_one_megabyte_is_accepted()
    {
        var request = ArticleRequests.Valid();
        request["body"] = new string('a', 1024 * 1024);

        var response = await factory.Admin().PostJson("/v1/articles", request);

        await response.AssertOk(HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("dek", 1000)]
    [InlineData("excerpt", 1000)]
    [InlineData("section", 100)]
    [InlineData("byline", 200)]
    public async Task Post_with_text_field_over_its_limit_returns_400(string field, int maxLength)
    {
        var admin = factory.Admin();
        var atLimit = ArticleRequests.Valid();
        atLimit[field] = new string('x', maxLength);
        var overLimit = ArticleRequests.Valid();
        overLimit[field] = new string('x', maxLength + 1);

        await (await admin.PostJson("/v1/articles", atLimit)).AssertOk(HttpStatusCode.Created);
        await (await admin.PostJson("/v1/articles", overLimit)).AssertFieldError(field);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("es-MX")]
    [InlineData("pt-BR")]
    [InlineData("zh-Hant-TW")]
    [InlineData("es-419")]
    public async Task Post_with_bcp47_language_is_accepted(string language)
    {
        var request = ArticleRequests.Valid();
        request["language"] = language;

        var article = await (await factory.Admin().PostJson("/v1/articles", request)).AssertOk(HttpStatusCode.Created);

        Assert.Equal(language, article.Text("language"));
    }

    [Fact]
    public async Task Post_with_more_than_20_tags_returns_400()
    {
        var admin = factory.Admin();
        var twenty = ArticleRequests.Valid();
        twenty["tags"] = new JsonArray(Enumerable.Range(0, 20).Select(i => (JsonNode)Http.UniqueSlug($"many{i}")).ToArray());
        var twentyOne = ArticleRequests.Valid();
        twentyOne["tags"] = new JsonArray(Enumerable.Range(0, 21).Select(i => (JsonNode)Http.UniqueSlug($"many{i}")).ToArray());

        await (await admin.PostJson("/v1/articles", twenty)).AssertOk(HttpStatusCode.Created);
        await (await admin.PostJson("/v1/articles", twentyOne)).AssertFieldError("tags");
    }

    [Fact]
    public async Task Post_with_several_invalid_fields_names_each_in_camelCase()
    {
        var request = ArticleRequests.Valid("Bad Slug");
        request["headline"] = "";
        request["canonicalUrl"] = "nope";
        request["featuredImage"] = new JsonObject { ["url"] = "nope" };

        var problem = await (await factory.Admin().PostJson("/v1/articles", request)).AssertFieldError("headline");

        var keys = problem["errors"]!.AsObject().Select(pair => pair.Key).ToHashSet();
        Assert.Equal(["canonicalUrl", "featuredImage.url", "headline", "slug"], keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Post_with_unknown_property_returns_400_naming_its_path()
    {
        var response = await factory.Admin().PostRaw("/v1/articles", """{"headline":"Unknown","featuredImage":{"url":"/a.jpg","size":3}}""");

        var problem = await response.AssertProblem(HttpStatusCode.BadRequest);
        Assert.Contains("$.featuredImage.size", problem.Text("detail"));
        Assert.Equal("$.featuredImage.size", problem.Text("jsonPath"));
    }

    [Fact]
    public async Task Post_with_unknown_top_level_property_returns_400_naming_it()
    {
        var response = await factory.Admin().PostRaw("/v1/articles", """{"headline":"Unknown","title":"typo"}""");

        var problem = await response.AssertProblem(HttpStatusCode.BadRequest);
        Assert.Contains("$.title", problem.Text("detail"));
    }

    [Fact]
    public async Task Post_with_wrong_type_returns_400()
    {
        var response = await factory.Admin().PostRaw("/v1/articles", """{"headline":5}""");

        var problem = await response.AssertProblem(HttpStatusCode.BadRequest);
        Assert.Contains("$.headline", problem.Text("detail"));
    }

    [Theory]
    [InlineData("\"nope\"")]
    [InlineData("1")]
    public async Task Post_with_invalid_status_returns_400(string statusJson)
    {
        var response = await factory.Admin().PostRaw("/v1/articles", $$"""{"headline":"Bad status","status":{{statusJson}}}""");

        var problem = await response.AssertProblem(HttpStatusCode.BadRequest);
        Assert.Contains("$.status", problem.Text("detail"));
    }

    [Fact]
    public async Task Post_with_publishedAt_without_offset_returns_400()
    {
        var response = await factory.Admin().PostRaw("/v1/articles", """{"headline":"No offset","publishedAt":"2020-01-01T10:00:00"}""");

        var problem = await response.AssertProblem(HttpStatusCode.BadRequest);
        Assert.Contains("$.publishedAt", problem.Text("detail"));
    }

    [Fact]
    public async Task Post_with_malformed_json_returns_400_with_line_and_position()
    {
        var response = await factory.Admin().PostRaw("/v1/articles", "{\n  \"headline\": \"Broken\",\n  \"slug\": \n}");

        var problem = await response.AssertProblem(HttpStatusCode.BadRequest);
        var detail = problem.Text("detail")!;
        Assert.Contains("line 4", detail);
        Assert.Contains("position", detail);
    }

    [Fact]
    public async Task Post_with_trailing_comma_returns_400()
    {
        var response = await factory.Admin().PostRaw("/v1/articles", """{"headline":"Trailing",}""");

        await response.AssertProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Post_with_empty_body_returns_400()
    {
        var response = await factory.Admin().PostRaw("/v1/articles", "");

        await response.AssertProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Post_with_json_null_body_returns_400()
    {
        var response = await factory.Admin().PostRaw("/v1/articles", "null");

        await response.AssertProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Post_with_text_plain_body_returns_415()
    {
        var response = await factory.Admin().PostRaw("/v1/articles", """{"headline":"Plain"}""", "text/plain");

        var problem = await response.AssertProblem(HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("application/json", problem.Text("detail"));
    }

    [Fact]
    public async Task Put_with_invalid_body_returns_400_and_leaves_the_article_unchanged()
    {
        var admin = factory.Admin();
        var article = await admin.CreateArticle();
        var request = ArticleRequests.Valid(article.Slug());
        request["headline"] = " ";

        await (await admin.PutCurrent($"/v1/articles/{article.Id()}", request)).AssertFieldError("headline");

        var read = await (await admin.GetAsync($"/v1/articles/{article.Id()}")).AssertOk();
        Assert.Equal(article.Text("headline"), read.Text("headline"));
        Assert.Equal(1, read["version"]!.GetValue<long>());
    }
}
