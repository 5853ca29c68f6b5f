using System.Net;
using Headless.Api.Tests.Infrastructure;
using Headless.Api.Tests.Links;

namespace Headless.Api.Tests.Related;

/// <summary>GET /v1/articles/{id}/related on small corpora made per test (each with tags of its own).</summary>
public sealed class RelatedArticlesTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Curated_related_links_come_first_in_position_order_then_shared_tags()
    {
        var admin = factory.Admin();
        var tag = RelatedHttp.Tag();
        var source = await admin.Article([tag]);
        var second = await admin.Article();
        var first = await admin.Article();
        var draft = await admin.Article(status: "draft");
        var moreTarget = await admin.Article();
        var sharing = await admin.Article([tag]);
        await admin.CreateLink(source, new { kind = "related", targetArticleId = second, position = 20 });
        await admin.CreateLink(source, new { kind = "related", targetArticleId = first, position = 10 });
        await admin.CreateLink(source, new { kind = "related", targetArticleId = draft, position = 5 });
        await admin.CreateLink(source, new { kind = "related", title = "Elsewhere", url = "https://example.com/story", position = 1 });
        await admin.CreateLink(source, new { kind = "more", targetArticleId = moreTarget, position = 2 });

        var related = await factory.Anonymous().Related(source);

        Assert.Equal([first, second, sharing], related.Ids().Take(3));
        Assert.Equal(["curated", "curated", "sharedTags"], related.Items().Take(3).Select(i => i!.Reason()));
        Assert.True(related.Item(first).Score() > related.Item(second).Score());
        Assert.True(related.Item(second).Score() > related.Item(sharing).Score());
        Assert.Empty(related.Item(first).SharedTags());
        Assert.Equal([tag], related.Item(sharing).SharedTags());
        Assert.DoesNotContain(draft, related.Ids());
        Assert.NotEqual("curated", related.Items().SingleOrDefault(i => i!["id"]!.GetValue<long>() == moreTarget)?.Reason());
    }

    [Fact]
    public async Task Curated_article_is_not_repeated_as_a_shared_tag_match()
    {
        var admin = factory.Admin();
        var tag = RelatedHttp.Tag();
        var source = await admin.Article([tag]);
        var both = await admin.Article([tag]);
        await admin.CreateLink(source, new { kind = "related", targetArticleId = both });
        await admin.CreateLink(source, new { kind = "related", targetArticleId = both });

        var related = await factory.Anonymous().Related(source, "?limit=50");

        Assert.Equal(1, related.Ids().Count(id => id == both));
        Assert.Equal("curated", related.Item(both).Reason());
        Assert.Equal(related.Ids().Count, related.Ids().Distinct().Count());
    }

    [Fact]
    public async Task Article_sharing_a_rare_tag_outranks_one_sharing_a_common_tag()
    {
        var admin = factory.Admin();
        var rare = RelatedHttp.Tag();
        var common = RelatedHttp.Tag();
        for (var i = 0; i < 8; i++)
        {
            await admin.Article([common]);
        }

        var source = await admin.Article([rare, common]);
        var sharesRare = await admin.Article([rare]);
        var sharesCommon = await admin.Article([common]);
        var sharesBoth = await admin.Article([common, rare]);

        var related = await factory.Anonymous().Related(source);

        var ids = related.Ids();
        Assert.Equal(sharesBoth, ids[0]);
        Assert.True(ids.IndexOf(sharesRare) < ids.IndexOf(sharesCommon), $"rare {ids.IndexOf(sharesRare)}, common {ids.IndexOf(sharesCommon)}");
        Assert.True(related.Item(sharesRare).Score() > related.Item(sharesCommon).Score());
        Assert.Equal([rare, common], related.Item(sharesBoth).SharedTags());
        Assert.Equal([rare], related.Item(sharesRare).SharedTags());
        Assert.Equal([common], related.Item(sharesCommon).SharedTags());
        Assert.All(related.Items(), item => Assert.Equal("sharedTags", item!.Reason()));
    }

    [Fact]
    public async Task Of_two_equal_matches_the_more_recent_ranks_first()
    {
        var admin = factory.Admin();
        var tag = RelatedHttp.Tag();
        var now = DateTimeOffset.UtcNow;
        var source = await admin.Article([tag]);
        // Created first, so the older article has the higher id: the order comes from publishedAt.
        var recent = await admin.Article([tag], publishedAt: now.AddDays(-1));
        var old = await admin.Article([tag], publishedAt: now.AddDays(-90));

        var related = await factory.Anonymous().Related(source);

        Assert.Equal([recent, old], related.Ids().Take(2));
        Assert.True(related.Item(recent).Score() > related.Item(old).Score());
    }

    [Fact]
    public async Task Never_offers_the_article_itself_drafts_or_expired_articles()
    {
        var admin = factory.Admin();
        var tag = RelatedHttp.Tag();
        var source = await admin.Article([tag]);
        var draft = await admin.Article([tag], status: "draft");
        var expired = await admin.Article([tag], expiresAt: DateTimeOffset.UtcNow.AddHours(-1));
        var visible = await admin.Article([tag]);
        await admin.CreateLink(source, new { kind = "related", targetArticleId = expired });

        foreach (var client in new[] { factory.Anonymous(), admin })
        {
            var related = await client.Related(source, "?limit=50");

            Assert.Contains(visible, related.Ids());
            Assert.DoesNotContain(source, related.Ids());
            Assert.DoesNotContain(draft, related.Ids());
            Assert.DoesNotContain(expired, related.Ids());
        }
    }

    [Fact]
    public async Task Latest_articles_fill_the_list_when_nothing_shares_a_tag()
    {
        var admin = factory.Admin();
        var source = await admin.Article([RelatedHttp.Tag()]);
        var fillers = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            fillers.Add(await admin.Article());
        }

        await admin.Article(status: "draft");

        var related = await factory.Anonymous().Related(source, "?limit=3");

        fillers.Reverse();
        Assert.Equal(fillers, related.Ids());
        foreach (var item in related.Items().Select(i => i!))
        {
            Assert.Equal("recent", item.Reason());
            Assert.Empty(item.SharedTags());
            Assert.InRange(item.Score(), 0, 0.01);
        }
    }

    [Fact]
    public async Task Shared_tag_matches_come_before_recent_fillers()
    {
        var admin = factory.Admin();
        var tag = RelatedHttp.Tag();
        var sharing = await admin.Article([tag], publishedAt: DateTimeOffset.UtcNow.AddDays(-400));
        var source = await admin.Article([tag]);
        for (var i = 0; i < 3; i++)
        {
            await admin.Article();
        }

        var related = await factory.Anonymous().Related(source, "?limit=4");

        Assert.Equal(sharing, related.Ids()[0]);
        Assert.Equal(["sharedTags", "recent", "recent", "recent"], related.Items().Select(i => i!.Reason()));
        Assert.True(related.Items()[0]!.Score() > related.Items()[1]!.Score());
    }

    [Fact]
    public async Task Limit_is_respected_and_defaults_to_10()
    {
        var admin = factory.Admin();
        var tag = RelatedHttp.Tag();
        var source = await admin.Article([tag]);
        for (var i = 0; i < 12; i++)
        {
            await admin.Article([tag]);
        }

        var two = await factory.Anonymous().Related(source, "?limit=2");
        var byDefault = await factory.Anonymous().Related(source);

        Assert.Equal(2, two.Items().Count);
        Assert.Equal(2, two["page"]!["limit"]!.GetValue<int>());
        Assert.Null(two["page"]!["next"]);
        Assert.Equal(10, byDefault.Items().Count);
        Assert.Equal(two.Ids(), byDefault.Ids().Take(2));
    }

    [Fact]
    public async Task Items_carry_the_article_fields_and_url()
    {
        var admin = factory.Admin();
        var tag = RelatedHttp.Tag();
        var source = await admin.Article([tag]);
        var slug = Http.UniqueSlug("canon");
        var canonical = (await (await admin.PostJson("/v1/articles", new
        {
            headline = "Canonical elsewhere",
            slug,
            body = "Body text here.",
            status = "published",
            canonicalUrl = "https://partner.example.org/story",
            tags = new[] { tag },
        })).AssertOk(HttpStatusCode.Created))["id"]!.GetValue<long>();
        var plain = await admin.Article([tag]);

        var related = await factory.Anonymous().Related(source);

        Assert.Equal("https://partner.example.org/story", related.Item(canonical)["url"]!.GetValue<string>());
        var item = related.Item(plain);
        var article = await (await factory.Anonymous().GetAsync($"/v1/articles/{plain}")).AssertOk();
        Assert.Equal($"/articles/{article["slug"]!.GetValue<string>()}", item["url"]!.GetValue<string>());
        Assert.Equal(article["slug"]!.GetValue<string>(), item["slug"]!.GetValue<string>());
        Assert.Equal(article["headline"]!.GetValue<string>(), item["headline"]!.GetValue<string>());
        Assert.Equal(article["excerpt"]!.GetValue<string>(), item["excerpt"]!.GetValue<string>());
        Assert.Equal(article["publishedAt"]!.GetValue<string>(), item["publishedAt"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_or_hidden_article_is_404_but_editors_get_related_of_a_draft()
    {
        var admin = factory.Admin();
        var tag = RelatedHttp.Tag();
        var draft = await admin.Article([tag], status: "draft");
        var published = await admin.Article([tag]);
        var otherDraft = await admin.Article([tag], status: "draft");

        await (await factory.Anonymous().GetAsync("/v1/articles/987654321/related")).AssertProblem(HttpStatusCode.NotFound);
        await (await factory.Anonymous().GetAsync($"/v1/articles/{draft}/related")).AssertProblem(HttpStatusCode.NotFound);
        var forEditor = await admin.Related(draft);

        Assert.Contains(published, forEditor.Ids());
        Assert.DoesNotContain(otherDraft, forEditor.Ids());
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=51")]
    public async Task Limit_out_of_range_is_400_naming_it(string query)
    {
        var source = await factory.Admin().Article();

        var response = await factory.Anonymous().GetAsync($"/v1/articles/{source}/related?{query}");

        await response.AssertFieldError("limit");
    }

    [Theory]
    [InlineData("limit=abc")]
    [InlineData("cursor=x")]
    public async Task Malformed_or_unknown_query_parameter_is_400(string query)
    {
        var source = await factory.Admin().Article();

        var response = await factory.Anonymous().GetAsync($"/v1/articles/{source}/related?{query}");

        await response.AssertProblem(HttpStatusCode.BadRequest);
    }
}
