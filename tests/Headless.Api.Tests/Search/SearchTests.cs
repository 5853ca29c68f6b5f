using System.Net;
using System.Text.Json.Nodes;
using Headless.Api.Tests.Articles;
using Headless.Api.Tests.Infrastructure;
using Headless.Api.Tests.Quotes;
using static Headless.Api.Tests.Search.SearchHttp;

namespace Headless.Api.Tests.Search;

public sealed class SearchTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Headline_match_ranks_above_dek_match_above_body_match()
    {
        var admin = factory.Admin();
        var word = Word();
        var inBody = await admin.CreateArticleWith("Council meets on Tuesday", body: $"The {word} was discussed at length by the council.");
        var inHeadline = await admin.CreateArticleWith($"The {word} question returns", body: "Nothing more to say here.");
        var inDek = await admin.CreateArticleWith("A budget for the city", dek: $"What the {word} means for residents", body: "Numbers follow.");

        var results = await factory.Anonymous().Search(word, "&type=article");

        Assert.Equal([inHeadline.Id(), inDek.Id(), inBody.Id()], results.ArticleIds());
        var scores = results["data"]!.AsArray().Select(h => h!["score"]!.GetValue<double>()).ToList();
        Assert.Equal(scores.OrderByDescending(s => s), scores);
    }

    [Fact]
    public async Task A_word_that_appears_more_often_ranks_higher_within_one_field()
    {
        var admin = factory.Admin();
        var word = Word();
        var once = await admin.CreateArticleWith("Report one", body: $"Once: {word}. Then a long paragraph about other things entirely, with many more words in it.");
        var thrice = await admin.CreateArticleWith("Report two", body: $"{word} and {word} and again {word}.");

        var results = await factory.Anonymous().Search(word, "&type=article");

        Assert.Equal([thrice.Id(), once.Id()], results.ArticleIds());
    }

    [Fact]
    public async Task Highlight_marks_matches_and_escapes_the_rest()
    {
        var admin = factory.Admin();
        var word = Word();
        await admin.CreateArticleWith("Escaping", body: $"Prices: 5 < 6 & \"quotes\" matter to the {word} committee.");

        var hit = (await factory.Anonymous().Search(word))["data"]![0]!;
        var highlight = hit["highlight"]!.GetValue<string>();

        Assert.Contains($"<mark>{word}</mark>", highlight);
        Assert.Contains("5 &lt; 6 &amp; &quot;quotes&quot;", highlight);
        Assert.DoesNotContain("<6", highlight);
        Assert.Equal(1, CountOf(highlight, "<mark>"));
        Assert.Equal(1, CountOf(highlight, "</mark>"));
    }

    [Fact]
    public async Task Case_and_diacritics_are_ignored()
    {
        var admin = factory.Admin();
        var word = Word();
        var article = await admin.CreateArticleWith($"México rejects the {word} plan");

        foreach (var q in new[] { $"mexico {word}", $"MEXICO {word}", $"méxico {word}", $"Mexico {word.ToUpperInvariant()}" })
        {
            Assert.Equal([article.Id()], (await factory.Anonymous().Search(q)).ArticleIds());
        }

        var highlight = (await factory.Anonymous().Search($"mexico {word}"))["data"]![0]!["highlight"]!.GetValue<string>();
        Assert.Contains("<mark>México</mark>", highlight);
    }

    [Fact]
    public async Task A_word_finds_longer_words_it_starts_and_english_endings_are_folded()
    {
        var admin = factory.Admin();
        var word = Word();
        var sovereignty = await admin.CreateArticleWith($"Sovereignty is not for sale, {word} says");
        var rules = await admin.CreateArticleWith($"New rules on {word} housing");

        Assert.Equal([sovereignty.Id()], (await factory.Anonymous().Search($"sovereign {word}")).ArticleIds());
        Assert.Equal([rules.Id()], (await factory.Anonymous().Search($"rule {word}")).ArticleIds());
        Assert.Equal([rules.Id()], (await factory.Anonymous().Search($"hous* {word}")).ArticleIds());
        Assert.Equal([sovereignty.Id()], (await factory.Anonymous().Search($"sov* {word}")).ArticleIds());
        Assert.Contains("<mark>Sovereignty</mark>", (await factory.Anonymous().Search($"sovereign {word}"))["data"]![0]!["highlight"]!.GetValue<string>());
    }

    [Fact]
    public async Task Phrase_matches_the_words_in_order_only()
    {
        var admin = factory.Admin();
        var word = Word();
        var inOrder = await admin.CreateArticleWith($"{word}: sovereignty is not for sale");
        await admin.CreateArticleWith($"{word}: for sale, but not now");

        var results = await factory.Anonymous().Search($"\"not for sale\" {word}");

        Assert.Equal([inOrder.Id()], results.ArticleIds());
        Assert.Contains("<mark>not for sale</mark>", results["data"]![0]!["highlight"]!.GetValue<string>());
    }

    [Fact]
    public async Task Minus_excludes_words_and_phrases()
    {
        var admin = factory.Admin();
        var word = Word();
        var cartel = await admin.CreateArticleWith($"{word} and the cartels");
        var peace = await admin.CreateArticleWith($"{word} and the peace talks");
        var both = await admin.CreateArticleWith($"{word}: peace talks with a cartel");

        Assert.Equal([peace.Id()], (await factory.Anonymous().Search($"{word} -cartel")).ArticleIds());
        Assert.Equal([cartel.Id()], (await factory.Anonymous().Search($"{word} -\"peace talks\"")).ArticleIds());
        Assert.Equal([cartel.Id()], (await factory.Anonymous().Search($"{word} NOT peace")).ArticleIds());
        Assert.Equal(3, (await factory.Anonymous().Search(word)).ArticleIds().Count);
        Assert.DoesNotContain(both.Id(), (await factory.Anonymous().Search($"{word} -peace")).ArticleIds());
    }

    [Fact]
    public async Task Or_matches_either_word()
    {
        var admin = factory.Admin();
        var (first, second, third) = (Word(), Word(), Word());
        var a = await admin.CreateArticleWith($"About {first}");
        var b = await admin.CreateArticleWith($"About {second}");
        await admin.CreateArticleWith($"About {third}");

        var ids = (await factory.Anonymous().Search($"{first} OR {second}")).ArticleIds();

        Assert.Equal([a.Id(), b.Id()], ids.Order().ToList());
        Assert.Empty((await factory.Anonymous().Search($"{first} or {second}")).ArticleIds());
    }

    [Fact]
    public async Task Tag_names_and_bylines_are_searched()
    {
        var admin = factory.Admin();
        var word = Word();
        var tagged = await admin.CreateArticleWith("Tagged", tags: [$"{word}-affairs"]);
        var signed = await admin.CreateArticleWith("Signed", byline: $"Ana {word}");

        Assert.Equal([tagged.Id()], (await factory.Anonymous().Search($"{word} affairs")).ArticleIds());
        Assert.Equal([signed.Id()], (await factory.Anonymous().Search($"ana {word}")).ArticleIds());
    }

    [Fact]
    public async Task Quote_hits_carry_their_article_and_highlight()
    {
        var admin = factory.Admin();
        var word = Word();
        var article = await admin.CreateArticleWith("A speech");
        var quote = await admin.CreateQuote(article.Id(), speaker: "Claudia Ruiz", text: $"The {word} is loved and defended.");

        var results = await factory.Anonymous().Search(word);

        var hit = Assert.Single(results["data"]!.AsArray())!;
        Assert.Equal("quote", hit["type"]!.GetValue<string>());
        Assert.Null(hit["article"]);
        Assert.Equal(quote.Id(), hit["quote"]!["id"]!.GetValue<long>());
        Assert.Equal("Claudia Ruiz", hit["quote"]!["speaker"]!.GetValue<string>());
        Assert.Equal(article.Id(), hit["quote"]!["article"]!["id"]!.GetValue<long>());
        Assert.Equal(article["slug"]!.GetValue<string>(), hit["quote"]!["article"]!["slug"]!.GetValue<string>());
        Assert.Equal("A speech", hit["quote"]!["article"]!["headline"]!.GetValue<string>());
        Assert.Equal($"The <mark>{word}</mark> is loved and defended.", hit["highlight"]!.GetValue<string>());
        Assert.Equal([quote.Id()], (await factory.Anonymous().Search($"claudia {word}")).QuoteIds());
    }

    [Fact]
    public async Task Type_narrows_to_articles_or_quotes()
    {
        var admin = factory.Admin();
        var word = Word();
        var article = await admin.CreateArticleWith($"The {word} story");
        var quote = await admin.CreateQuote(article.Id(), text: $"On {word}, nothing.");

        var both = await factory.Anonymous().Search(word);
        var articles = await factory.Anonymous().Search(word, "&type=article");
        var quotes = await factory.Anonymous().Search(word, "&type=quote");

        Assert.Equal(2, both["data"]!.AsArray().Count);
        Assert.Equal([article.Id()], articles.ArticleIds());
        Assert.Empty(articles.QuoteIds());
        Assert.Equal([quote.Id()], quotes.QuoteIds());
        Assert.Empty(quotes.ArticleIds());
    }

    [Fact]
    public async Task Filters_narrow_articles_and_quotes_by_their_article()
    {
        var admin = factory.Admin();
        var word = Word();
        var tag = $"{word}-tag";
        var world = await admin.CreateArticleWith($"{word} one", tags: [tag], section: "World", publishedAt: "2026-01-10T00:00:00Z");
        var sport = await admin.CreateArticleWith($"{word} two", section: "Sport", publishedAt: "2026-03-10T00:00:00Z");
        var worldQuote = await admin.CreateQuote(world.Id(), text: $"A {word} quote.");

        var byTag = await factory.Anonymous().Search(word, $"&tag={tag}");
        var bySection = await factory.Anonymous().Search(word, "&section=Sport");
        var after = await factory.Anonymous().Search(word, "&publishedAfter=2026-02-01T00:00:00Z");
        var before = await factory.Anonymous().Search(word, "&publishedBefore=2026-02-01T00:00:00Z");

        Assert.Equal([world.Id()], byTag.ArticleIds());
        Assert.Equal([worldQuote.Id()], byTag.QuoteIds());
        Assert.Equal([sport.Id()], bySection.ArticleIds());
        Assert.Empty(bySection.QuoteIds());
        Assert.Equal([sport.Id()], after.ArticleIds());
        Assert.Equal([world.Id()], before.ArticleIds());
        Assert.Equal([worldQuote.Id()], before.QuoteIds());
    }

    [Fact]
    public async Task Facets_count_hits_per_tag_and_section_over_the_whole_result()
    {
        var admin = factory.Admin();
        var word = Word();
        var (common, rare) = ($"{word}-common", $"{word}-rare");
        for (var i = 0; i < 3; i++)
        {
            await admin.CreateArticleWith($"{word} number {i}", tags: i == 0 ? [common, rare] : [common], section: i < 2 ? "World" : "Sport");
        }

        var results = await factory.Anonymous().Search(word, "&type=article&facets=tag,section&limit=1");

        Assert.Single(results["data"]!.AsArray());
        var tags = results["facets"]!["tag"]!.AsArray();
        Assert.Equal([(common, 3L), (rare, 1L)], tags.Select(t => (t!["value"]!.GetValue<string>(), t["count"]!.GetValue<long>())).ToList());
        Assert.Equal("World", results["facets"]!["section"]![0]!["value"]!.GetValue<string>());
        Assert.Equal(2, results["facets"]!["section"]![0]!["count"]!.GetValue<long>());
        Assert.Equal(1, results["facets"]!["section"]![1]!["count"]!.GetValue<long>());
        Assert.Null((await factory.Anonymous().Search(word))["facets"]);
        var onlyTags = await factory.Anonymous().Search(word, "&facets=tag");
        Assert.Null(onlyTags["facets"]!["section"]);
    }

    [Fact]
    public async Task Cursor_pages_through_every_hit_once_and_count_gives_the_total()
    {
        var admin = factory.Admin();
        var word = Word();
        var created = new List<long>();
        for (var i = 0; i < 7; i++)
        {
            var article = await admin.CreateArticleWith(i % 2 == 0 ? $"{word} headline {i}" : $"Other headline {i}", body: $"Body with {word} number {i}.");
            created.Add(article.Id());
            await admin.CreateQuote(article.Id(), text: $"Quote {i} about {word}.");
        }

        var seen = new List<string>();
        var url = $"/v1/search?q={word}&limit=3&count=true";
        var pages = 0;
        while (true)
        {
            var page = await (await factory.Anonymous().GetAsync(url)).AssertOk();
            pages++;
            Assert.Equal(14, page["page"]!["total"]!.GetValue<long>());
            seen.AddRange(page["data"]!.AsArray().Select(h => h!["type"]!.GetValue<string>() + (h["article"]?["id"] ?? h["quote"]!["id"])!.GetValue<long>()));
            if (page["page"]!["next"] is null)
            {
                break;
            }

            url = $"/v1/search?q={word}&limit=3&count=true&cursor={page.NextCursor()}";
        }

        Assert.Equal(5, pages);
        Assert.Equal(14, seen.Count);
        Assert.Equal(14, seen.Distinct().Count());
        Assert.Equal(created.Order(), seen.Where(s => s.StartsWith("article", StringComparison.Ordinal)).Select(s => long.Parse(s["article".Length..])).Order());
    }

    [Fact]
    public async Task A_cursor_that_was_edited_or_made_for_another_list_is_a_400()
    {
        var admin = factory.Admin();
        var word = Word();
        await admin.CreateArticleWith($"{word} a");
        await admin.CreateArticleWith($"{word} b");
        var first = await factory.Anonymous().Search(word, "&limit=1");
        var cursor = first["page"]!["next"]!.GetValue<string>();
        var articleList = await (await factory.Anonymous().GetAsync("/v1/articles?limit=1")).AssertOk();

        // One character changed (never to itself: a cursor may end in "A" already).
        var edited = cursor[..^1] + (cursor[^1] == 'A' ? 'B' : 'A');
        await (await factory.Anonymous().GetAsync($"/v1/search?q={word}&cursor={Uri.EscapeDataString(edited)}")).AssertProblem(HttpStatusCode.BadRequest);
        await (await factory.Anonymous().GetAsync($"/v1/search?q={word}&cursor={articleList.NextCursor()}")).AssertProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Drafts_and_their_quotes_are_found_only_with_an_editor_key()
    {
        var admin = factory.Admin();
        var word = Word();
        var draft = await admin.CreateArticleWith($"{word} draft", status: "draft");
        var quote = await admin.CreateQuote(draft.Id(), text: $"Secret {word}.");

        var anonymous = await factory.Anonymous().Search(word);
        var editor = await admin.Search(word);

        Assert.Empty(anonymous["data"]!.AsArray());
        Assert.Equal([draft.Id()], editor.ArticleIds());
        Assert.Equal([quote.Id()], editor.QuoteIds());
        Assert.Equal("draft", editor["data"]!.AsArray().First(h => h!["type"]!.GetValue<string>() == "article")!["article"]!["status"]!.GetValue<string>());
        var count = await factory.Anonymous().Search(word, "&count=true&facets=tag,section");
        Assert.Equal(0, count["page"]!["total"]!.GetValue<long>());
    }

    [Fact]
    public async Task Anonymous_results_are_fresh_after_a_write()
    {
        var admin = factory.Admin();
        var word = Word();
        Assert.Empty((await factory.Anonymous().Search(word))["data"]!.AsArray());

        var article = await admin.CreateArticleWith($"{word} arrives");

        Assert.Equal([article.Id()], (await factory.Anonymous().Search(word)).ArticleIds());
    }

    [Fact]
    public async Task Q_filters_the_article_list_with_its_other_filters()
    {
        var admin = factory.Admin();
        var word = Word();
        var tag = Http.UniqueSlug("plain");
        var tagged = await admin.CreateArticleWith($"{word} tagged", tags: [tag]);
        await admin.CreateArticleWith($"{word} untagged");
        await admin.CreateArticleWith("Unrelated", tags: [tag]);

        var both = await (await factory.Anonymous().GetAsync($"/v1/articles?q={word}&tag={tag}&count=true")).AssertOk();
        var all = await (await factory.Anonymous().GetAsync($"/v1/articles?q={word}")).AssertOk();
        var empty = await (await factory.Anonymous().GetAsync($"/v1/articles?q=&tag={tag}")).AssertOk();

        Assert.Equal([tagged.Id()], both.Ids());
        Assert.Equal(1, both["page"]!["total"]!.GetValue<long>());
        Assert.Equal(2, all.Ids().Count);
        Assert.Equal(2, empty.Ids().Count);
    }

    [Fact]
    public async Task Q_filters_the_quote_list_with_its_other_filters()
    {
        var admin = factory.Admin();
        var word = Word();
        var article = await admin.CreateArticleWith("Quotes");
        var match = await admin.CreateQuote(article.Id(), speaker: "Lina Ortiz", text: $"On {word}.");
        await admin.CreateQuote(article.Id(), speaker: "Marta Gil", text: $"Also on {word}.");

        var bySpeaker = await (await factory.Anonymous().GetAsync($"/v1/quotes?q={word}&speaker=ortiz")).AssertOk();
        var byName = await (await factory.Anonymous().GetAsync($"/v1/quotes?q=lina%20{word}")).AssertOk();

        Assert.Equal([match.Id()], bySpeaker.Ids());
        Assert.Equal([match.Id()], byName.Ids());
    }

    [Theory]
    [InlineData("type=story", "type")]
    [InlineData("type=article,,quote", "type")]
    [InlineData("facets=author", "facets")]
    [InlineData("tag=Not%20A%20Slug", "tag[0]")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("publishedAfter=2026-02-01T00:00:00Z&publishedBefore=2026-01-01T00:00:00Z", "publishedBefore")]
    public async Task Invalid_parameters_are_field_errors(string query, string field)
    {
        var response = await factory.Anonymous().GetAsync($"/v1/search?q=anything&{query}");

        await response.AssertFieldError(field);
    }

    [Fact]
    public async Task Missing_q_is_a_field_error_and_unknown_parameters_are_refused()
    {
        await (await factory.Anonymous().GetAsync("/v1/search")).AssertFieldError("q");
        await (await factory.Anonymous().GetAsync("/v1/search?q=%20%20")).AssertFieldError("q");
        var unknown = await (await factory.Anonymous().GetAsync("/v1/search?q=a&sort=date")).AssertProblem(HttpStatusCode.BadRequest);
        Assert.Contains("facets", unknown["allowed"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
