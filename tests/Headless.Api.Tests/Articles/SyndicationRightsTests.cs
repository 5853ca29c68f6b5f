using System.Net;
using Headless.Api.Tests.Infrastructure;

namespace Headless.Api.Tests.Articles;

public sealed class SyndicationRightsTests(SyndicationRightsTests.ExcerptByDefaultApi factory) : IClassFixture<SyndicationRightsTests.ExcerptByDefaultApi>
{
    [Fact]
    public async Task New_articles_take_the_configured_default_unless_given()
    {
        var admin = factory.Admin();

        var byDefault = await admin.CreateArticle();
        var given = await (await admin.PostJson("/v1/articles", new { headline = "Protected", slug = Http.UniqueSlug("p"), syndication = "none" })).AssertOk(HttpStatusCode.Created);

        Assert.Equal("excerpt", byDefault["syndication"]!.GetValue<string>());
        Assert.Equal("none", given["syndication"]!.GetValue<string>());
    }

    [Fact]
    public async Task Put_keeps_the_rights_when_left_out_and_changes_them_when_given()
    {
        var admin = factory.Admin();
        var article = await (await admin.PostJson("/v1/articles", new { headline = "Rights", slug = Http.UniqueSlug("r"), syndication = "none" })).AssertOk(HttpStatusCode.Created);
        var url = $"/v1/articles/{article.Id()}";

        var kept = await (await admin.PutCurrent(url, new { headline = "Rights, edited" })).AssertOk();
        var changed = await (await admin.PutCurrent(url, new { headline = "Rights, edited", syndication = "full" })).AssertOk();
        var patched = await (await admin.PatchMerge(url, new { syndication = "excerpt" })).AssertOk();

        Assert.Equal("none", kept["syndication"]!.GetValue<string>());
        Assert.Equal("full", changed["syndication"]!.GetValue<string>());
        Assert.Equal("excerpt", patched["syndication"]!.GetValue<string>());
    }

    [Fact]
    public async Task Restoring_an_old_text_keeps_the_current_rights()
    {
        var admin = factory.Admin();
        var article = await (await admin.PostJson("/v1/articles", new { headline = "First", slug = Http.UniqueSlug("r"), syndication = "full" })).AssertOk(HttpStatusCode.Created);
        var url = $"/v1/articles/{article.Id()}";
        (await admin.PatchMerge(url, new { headline = "Second", syndication = "none" })).EnsureSuccessStatusCode();

        var request = new HttpRequestMessage(HttpMethod.Post, $"{url}/revisions/1/restore");
        request.Headers.TryAddWithoutValidation("If-Match", await admin.CurrentETag(url));
        var restored = await (await admin.SendAsync(request)).AssertOk();

        Assert.Equal("First", restored["headline"]!.GetValue<string>());
        Assert.Equal("none", restored["syndication"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("\"partial\"")]
    [InlineData("1")]
    public async Task Unknown_rights_are_a_400(string value)
    {
        var response = await factory.Admin().PostRaw("/v1/articles", $"{{\"headline\": \"Bad rights\", \"syndication\": {value}}}");

        await response.AssertProblem(HttpStatusCode.BadRequest);
    }

    public sealed class ExcerptByDefaultApi : ApiFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Headless:Syndication:Default", "excerpt")];
    }
}
