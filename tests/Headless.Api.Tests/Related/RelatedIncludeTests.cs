using Headless.Api.Tests.Infrastructure;
using Headless.Api.Tests.Links;

namespace Headless.Api.Tests.Related;

/// <summary><c>include=related</c> on article reads: at most five per article, the endpoint's first items, one query per page.</summary>
public sealed class RelatedIncludeTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Detail_with_include_related_embeds_the_first_five_of_the_endpoint()
    {
        var admin = factory.Admin();
        var (source, _) = await Corpus(admin);

        var article = await (await factory.Anonymous().GetAsync($"/v1/articles/{source}?include=related")).AssertOk();
        var endpoint = await factory.Anonymous().Related(source);

        var embedded = article["related"]!.AsArray();
        Assert.Equal(5, embedded.Count);
        Assert.Equal(endpoint.Ids().Take(5), embedded.Select(i => i!["id"]!.GetValue<long>()));
        Assert.Equal(endpoint.Items().Take(5).Select(i => i!.ToJsonString()), embedded.Select(i => i!.ToJsonString()));
        Assert.Equal("curated", embedded[0]!.Reason());
    }

    [Fact]
    public async Task List_with_include_related_embeds_related_of_every_article_on_the_page()
    {
        var admin = factory.Admin();
        var (source, tag) = await Corpus(admin);

        var list = await (await factory.Anonymous().GetAsync($"/v1/articles?tag={tag}&include=related&limit=100")).AssertOk();

        var articles = list["data"]!.AsArray();
        Assert.True(articles.Count >= 8);
        foreach (var article in articles)
        {
            var id = article!["id"]!.GetValue<long>();
            var embedded = article["related"]!.AsArray();
            Assert.InRange(embedded.Count, 1, 5);
            Assert.DoesNotContain(id, embedded.Select(i => i!["id"]!.GetValue<long>()));
            var endpoint = await factory.Anonymous().Related(id);
            Assert.Equal(endpoint.Ids().Take(embedded.Count), embedded.Select(i => i!["id"]!.GetValue<long>()));
        }

        var sourceItem = articles.Single(a => a!["id"]!.GetValue<long>() == source)!;
        Assert.Equal(5, sourceItem["related"]!.AsArray().Count);
    }

    [Fact]
    public async Task Include_related_has_no_recent_fill_and_is_absent_unless_asked()
    {
        var admin = factory.Admin();
        var lonely = await admin.Article([RelatedHttp.Tag()]);
        await admin.Article();

        var included = await (await factory.Anonymous().GetAsync($"/v1/articles/{lonely}?include=related")).AssertOk();
        var plain = await (await factory.Anonymous().GetAsync($"/v1/articles/{lonely}")).AssertOk();

        Assert.Empty(included["related"]!.AsArray());
        Assert.Null(plain["related"]);
    }

    [Fact]
    public async Task Include_related_leaves_out_drafts_even_for_editors()
    {
        var admin = factory.Admin();
        var tag = RelatedHttp.Tag();
        var source = await admin.Article([tag]);
        var draft = await admin.Article([tag], status: "draft");
        await admin.CreateLink(source, new { kind = "related", targetArticleId = draft });
        var visible = await admin.Article([tag]);

        var article = await (await admin.GetAsync($"/v1/articles/{source}?include=related,links")).AssertOk();

        Assert.Equal([visible], article["related"]!.AsArray().Select(i => i!["id"]!.GetValue<long>()));
    }

    /// <summary>A source article with a curated link and seven articles sharing its tag; answers the source and the tag.</summary>
    private static async Task<(long Source, string Tag)> Corpus(HttpClient admin)
    {
        var tag = RelatedHttp.Tag();
        var source = await admin.Article([tag]);
        for (var i = 0; i < 7; i++)
        {
            await admin.Article([tag]);
        }

        var curated = await admin.Article();
        await admin.CreateLink(source, new { kind = "related", targetArticleId = curated });
        return (source, tag);
    }
}
