using System.Net;
using System.Text.Json.Nodes;
using Headless.Api.Tests.Articles;
using Headless.Api.Tests.Infrastructure;
using Headless.Api.Tests.Quotes;
using Headless.Api.Tests.Tags;
using static Headless.Api.Tests.Search.SearchHttp;

namespace Headless.Api.Tests.Search;

public sealed class SuggestTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Completes_tags_speakers_and_headlines_from_the_start_of_any_word()
    {
        var admin = factory.Admin();
        var word = Word();
        var tag = await admin.CreateTag(name: $"Ñandú {word}tag");
        var article = await admin.CreateArticleWith($"Sovereignty and the {word}head question", tags: [tag["slug"]!.GetValue<string>()]);
        await admin.CreateQuote(article.Id(), speaker: $"Claudia {word}speaker");

        var all = await Suggest(factory.Anonymous(), word[..8]);

        Assert.Equal(["tag", "speaker", "headline"], Kinds(all));
        var tagHit = all["data"]![0]!;
        Assert.Equal(tag["slug"]!.GetValue<string>(), tagHit["slug"]!.GetValue<string>());
        var headline = all["data"]![2]!;
        Assert.Equal(article.Id(), headline["articleId"]!.GetValue<long>());
        Assert.Equal(article["slug"]!.GetValue<string>(), headline["slug"]!.GetValue<string>());
        Assert.Equal($"Sovereignty and the <mark>{word}head</mark> question", headline["highlight"]!.GetValue<string>());
        Assert.Equal(["tag"], Kinds(await Suggest(factory.Anonymous(), $"nandu {word[..6]}")));
        Assert.Equal(["headline"], Kinds(await Suggest(factory.Anonymous(), $"sov {word[..6]}")));
    }

    [Fact]
    public async Task Never_offers_what_the_caller_may_not_read()
    {
        var admin = factory.Admin();
        var word = Word();
        var draft = await admin.CreateArticleWith($"{word} secret plans", status: "draft");
        await admin.CreateQuote(draft.Id(), speaker: $"Hidden {word}");

        Assert.Empty((await Suggest(factory.Anonymous(), word))["data"]!.AsArray());
        Assert.Equal(["speaker", "headline"], Kinds(await Suggest(admin, word)));

        var published = await admin.CreateArticleWith("Out in the open");
        await admin.CreateQuote(published.Id(), speaker: $"Hidden {word}");
        Assert.Equal(["speaker"], Kinds(await Suggest(factory.Anonymous(), word)));
    }

    [Fact]
    public async Task Headlines_come_newest_first_and_limit_caps_the_list()
    {
        var admin = factory.Admin();
        var word = Word();
        var ids = new List<long>();
        for (var i = 0; i < 12; i++)
        {
            ids.Add((await admin.CreateArticleWith($"{word} story {i}")).Id());
        }

        var ten = await Suggest(factory.Anonymous(), word);
        var three = await Suggest(factory.Anonymous(), word, "&limit=3");

        Assert.Equal(ids.AsEnumerable().Reverse().Take(10), ten["data"]!.AsArray().Select(s => s!["articleId"]!.GetValue<long>()));
        Assert.Equal(3, three["data"]!.AsArray().Count);
    }

    [Fact]
    public async Task Deleted_and_renamed_things_stop_being_offered()
    {
        var admin = factory.Admin();
        var (oldWord, newWord) = (Word(), Word());
        var tag = await admin.CreateTag(name: $"{oldWord} tag");
        var article = await admin.CreateArticleWith($"{oldWord} headline");
        var quote = await admin.CreateQuote(article.Id(), speaker: $"{oldWord} speaker");

        (await admin.PutCurrent($"/v1/tags/{tag.Id()}", new { name = $"{newWord} tag", slug = tag["slug"]!.GetValue<string>() })).EnsureSuccessStatusCode();
        (await admin.DeleteCurrent($"/v1/quotes/{quote.Id()}")).EnsureSuccessStatusCode();
        (await admin.PatchMerge($"/v1/articles/{article.Id()}", new { headline = $"{newWord} headline" })).EnsureSuccessStatusCode();

        Assert.Empty((await Suggest(factory.Anonymous(), oldWord))["data"]!.AsArray());
        Assert.Equal(["tag", "headline"], Kinds(await Suggest(factory.Anonymous(), newWord)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("%20")]
    [InlineData("***")]
    [InlineData("%22%22")]
    public async Task Nothing_to_complete_is_a_field_error(string q)
    {
        await (await factory.Anonymous().GetAsync($"/v1/search/suggest?q={q}")).AssertFieldError("q");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("11")]
    public async Task Limit_outside_1_to_10_is_a_field_error(string limit)
    {
        await (await factory.Anonymous().GetAsync($"/v1/search/suggest?q=a&limit={limit}")).AssertFieldError("limit");
    }

    private static async Task<JsonNode> Suggest(HttpClient client, string q, string extra = "") =>
        await (await client.GetAsync($"/v1/search/suggest?q={Uri.EscapeDataString(q)}{extra}")).AssertOk(HttpStatusCode.OK);

    private static List<string> Kinds(JsonNode suggestions) =>
        suggestions["data"]!.AsArray().Select(s => s!["kind"]!.GetValue<string>()).ToList();
}
