using Headless.Api.Tests.Articles;
using Headless.Api.Tests.Infrastructure;
using static Headless.Api.Tests.Search.SearchHttp;

namespace Headless.Api.Tests.Search;

/// <summary>With a rank window of 3: what a search ranks, counts and expands when a word matches more than the window.</summary>
public sealed class SearchRankWindowTests(SearchRankWindowTests.SmallWindowApi factory) : IClassFixture<SearchRankWindowTests.SmallWindowApi>
{
    [Fact]
    public async Task A_word_that_fills_the_window_on_its_own_is_not_expanded()
    {
        var admin = factory.Admin();
        var (rare, common) = (Word(), Word());
        var rareLonger = await admin.CreateArticleWith($"The {rare}ty question");
        for (var i = 0; i < 3; i++)
        {
            await admin.CreateArticleWith($"The {common} story {i}");
        }

        var commonLonger = await admin.CreateArticleWith($"The {common}ty question");
        await admin.CreateArticleWith($"The {common} story 3");

        Assert.Equal([rareLonger.Id()], (await factory.Anonymous().Search(rare)).ArticleIds());
        Assert.DoesNotContain(commonLonger.Id(), (await factory.Anonymous().Search(common, "&limit=100")).ArticleIds());
        Assert.Contains(commonLonger.Id(), (await factory.Anonymous().Search($"{common}*", "&limit=100")).ArticleIds());
    }

    [Fact]
    public async Task Ranking_covers_the_newest_matches_and_count_covers_them_all()
    {
        var admin = factory.Admin();
        var word = Word();
        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await admin.CreateArticleWith($"{word} {i}")).Id());
        }

        var results = await factory.Anonymous().Search(word, "&type=article&count=true&limit=100");

        Assert.Equal(ids.TakeLast(3).Order(), results.ArticleIds().Order());
        Assert.Equal(5, results["page"]!["total"]!.GetValue<long>());
    }

    public sealed class SmallWindowApi : ApiFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Headless:Search:RankWindow", "3")];
    }
}
