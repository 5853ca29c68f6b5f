using System.Net;
using Headless.Api.Tests.Infrastructure;
using Headless.Api.Tests.Keys;
using static Headless.Api.Tests.Feeds.FeedHttp;

namespace Headless.Api.Tests.Feeds;

/// <summary>The filters of a feed (tag, section, limit), partner keys' scopes, and the 400s for bad input.</summary>
public sealed class FeedFilterTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Tag_is_any_of_the_given_tags()
    {
        var admin = factory.Admin();
        var (a, b, c) = (Http.UniqueSlug("ta"), Http.UniqueSlug("tb"), Http.UniqueSlug("tc"));
        var withA = await admin.NewFeedArticle([a]);
        var withB = await admin.NewFeedArticle([b]);
        await admin.NewFeedArticle([c]);

        var ids = await factory.Anonymous().Ids($"?tag={a}&tag={b}");

        Assert.Equal([EntryId(withB.Id()), EntryId(withA.Id())], ids.Rss);
        Assert.Equal(ids.Rss, ids.Atom);
        Assert.Equal(ids.Rss, ids.Json);
    }

    [Fact]
    public async Task Section_is_exact_and_combines_with_tag()
    {
        var admin = factory.Admin();
        var tag = Http.UniqueSlug("sec");
        var section = $"Section {Guid.NewGuid():N}";
        var inSection = await admin.NewFeedArticle([tag], section: section);
        await admin.NewFeedArticle([tag], section: section + " Other");
        await admin.NewFeedArticle([Http.UniqueSlug("other")], section: section);

        var ids = await factory.Anonymous().Ids($"?tag={tag}&section={Uri.EscapeDataString(section)}");

        Assert.Equal([EntryId(inSection.Id())], ids.Rss);
        Assert.Equal(ids.Rss, ids.Atom);
        Assert.Equal(ids.Rss, ids.Json);
        Assert.Equal($"Headless — {tag[0..1].ToUpperInvariant()}{tag[1..].Replace('-', ' ')} — {section}",
            (await factory.Anonymous().GetJsonFeed($"?tag={tag}&section={Uri.EscapeDataString(section)}"))["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Limit_takes_the_newest()
    {
        var admin = factory.Admin();
        var tag = Http.UniqueSlug("lim");
        var created = new List<long>();
        for (var day = 1; day <= 4; day++)
        {
            created.Add((await admin.NewFeedArticle([tag], publishedAt: $"2026-04-0{day}T00:00:00Z")).Id());
        }

        var ids = await factory.Anonymous().Ids($"?tag={tag}&limit=2");

        Assert.Equal([EntryId(created[3]), EntryId(created[2])], ids.Rss);
        Assert.Equal(ids.Rss, ids.Atom);
        Assert.Equal(ids.Rss, ids.Json);
    }

    [Fact]
    public async Task A_partner_key_limited_to_tags_gets_only_articles_with_them()
    {
        var admin = factory.Admin();
        var (common, allowed) = (Http.UniqueSlug("pc"), Http.UniqueSlug("pa"));
        var inside = await admin.NewFeedArticle([common, allowed]);
        var outside = await admin.NewFeedArticle([common]);
        var partner = factory.WithKey((await admin.CreateKey("partner", tags: [allowed])).Secret());

        var ids = await partner.Ids($"?tag={common}");
        var anonymous = await factory.Anonymous().Ids($"?tag={common}");

        Assert.Equal([EntryId(inside.Id())], ids.Rss);
        Assert.Equal(ids.Rss, ids.Atom);
        Assert.Equal(ids.Rss, ids.Json);
        Assert.Equal([EntryId(outside.Id()), EntryId(inside.Id())], anonymous.Rss);
        Assert.NotNull((await partner.FullTextOf($"?tag={common}", EntryId(inside.Id()))).Rss);
    }

    [Fact]
    public async Task A_partner_key_limited_to_sections_gets_only_articles_in_them()
    {
        var admin = factory.Admin();
        var tag = Http.UniqueSlug("ps");
        var section = $"Partner {Guid.NewGuid():N}";
        var inside = await admin.NewFeedArticle([tag], section: section);
        await admin.NewFeedArticle([tag], section: "Elsewhere");
        await admin.NewFeedArticle([tag]);
        var partner = factory.WithKey((await admin.CreateKey("partner", sections: [section])).Secret());

        var ids = await partner.Ids($"?tag={tag}");

        Assert.Equal([EntryId(inside.Id())], ids.Rss);
        Assert.Equal(ids.Rss, ids.Atom);
        Assert.Equal(ids.Rss, ids.Json);
    }

    [Fact]
    public async Task Scope_limits_do_not_apply_to_editor_keys()
    {
        var admin = factory.Admin();
        var tag = Http.UniqueSlug("ed");
        await admin.NewFeedArticle([tag], section: "A");
        await admin.NewFeedArticle([tag], section: "B");
        var editor = factory.WithKey((await admin.CreateKey("editor")).Secret());

        Assert.Equal(2, (await editor.Ids($"?tag={tag}")).Rss.Count);
    }

    [Theory]
    [InlineData("tags=mexico", null)]
    [InlineData("q=mexico", null)]
    [InlineData("tag=Not%20A%20Slug", "tag[0]")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("section=%20", "section")]
    [InlineData("limit=abc", null)]
    public async Task Bad_input_is_a_400_problem_in_every_format(string query, string? field)
    {
        foreach (var url in Urls)
        {
            var response = await factory.Anonymous().GetAsync($"{url}?{query}");
            if (field is null)
            {
                await response.AssertProblem(HttpStatusCode.BadRequest);
            }
            else
            {
                await response.AssertFieldError(field);
            }
        }
    }

    [Fact]
    public async Task More_than_20_tags_is_a_400()
    {
        var query = string.Join('&', Enumerable.Range(1, 21).Select(i => $"tag=t{i}"));

        await (await factory.Anonymous().GetAsync($"{Rss}?{query}")).AssertFieldError("tag");
    }
}
