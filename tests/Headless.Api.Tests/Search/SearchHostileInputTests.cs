using System.Net;
using System.Text.Json.Nodes;
using Headless.Api.Tests.Articles;
using Headless.Api.Tests.Infrastructure;
using static Headless.Api.Tests.Search.SearchHttp;

namespace Headless.Api.Tests.Search;

/// <summary>
/// Whatever a user types reaches FTS5 only as quoted strings: every input below answers 200 (searched as text) or a
/// 400 problem that names <c>q</c>, on every operation that takes <c>q</c>, and never a 500.
/// </summary>
public sealed class SearchHostileInputTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    public static readonly TheoryData<string> Inputs =
    [
        "\"", "\"\"", "\"\"\"", "\"unbalanced phrase", "phrase\" with a late quote", "a \"b\" \"c",
        "*", "**", "a*b", "*a", "a**", "-*", "x*y*z",
        "NEAR(", "NEAR(a b)", "NEAR(a b, 2)", "a NEAR b", "NEAR", "ＮＥＡＲ(a",
        "headline:foo", "{headline dek}: foo", "-headline:foo", "body_text : x", "^foo", "foo^", "rank:", "rowid = 1",
        "(", ")", "()", "(a OR b", "a) OR (b", "AND", "OR", "NOT", "a OR", "OR a", "a OR OR b", "AND AND", "NOT NOT a", "a NOT",
        "-", "--", "- a", "a -", "+", "+a", "+-a",
        "'; DROP TABLE articles; --", "' OR 1=1 --", "\") OR 1=1 --", "article_search MATCH '*'", "1; SELECT * FROM api_keys",
        "<script>alert(1)</script>", "<mark>x</mark>", "&amp; &lt;",
        "\u0000", "a\u0000b", "\t\n\r", "\u200B", "\u202Eevil", "😀", "😀 a", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "東京", "Ελλάδα", "مرحبا",
        "\uFDD0mark\uFDD1", "\\", "\\\"", "%", "_", "%25", "..", "../../etc/passwd", "a'b", "L'Oréal", "don't",
        "999999999999999999999999999999", "-1", "0x41", "1e308", "NaN",
    ];

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task Search_answers_200_or_a_400_naming_q(string input)
    {
        foreach (var url in new[] { "/v1/search?q=", "/v1/articles?q=", "/v1/quotes?q=", "/v1/search/suggest?q=" })
        {
            var response = await factory.Anonymous().GetAsync(url + Uri.EscapeDataString(input));
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{url}{input}: {(int)response.StatusCode} {body}");
            if (response.StatusCode == HttpStatusCode.BadRequest)
            {
                var problem = JsonNode.Parse(body)!;
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.NotNull(problem["errors"]!["q"]);
            }
        }
    }

    [Fact]
    public async Task Long_and_wordy_searches_are_400s_that_say_the_limit()
    {
        var tooLong = await factory.Anonymous().GetAsync("/v1/search?q=" + new string('a', 501));
        var manyWords = await factory.Anonymous().GetAsync("/v1/search?q=" + Uri.EscapeDataString(string.Join(' ', Enumerable.Range(0, 33).Select(i => $"w{i}"))));
        var longSuggest = await factory.Anonymous().GetAsync("/v1/search/suggest?q=" + new string('a', 101));

        Assert.Contains("500", (await tooLong.AssertFieldError("q"))["errors"]!["q"]![0]!.GetValue<string>());
        Assert.Contains("32", (await manyWords.AssertFieldError("q"))["errors"]!["q"]![0]!.GetValue<string>());
        await longSuggest.AssertFieldError("q");
        await (await factory.Anonymous().GetAsync("/v1/search?q=" + new string('a', 500))).AssertOk();
    }

    [Theory]
    [InlineData("*", "no words")]
    [InlineData("-cartel", "only excludes")]
    [InlineData("- \"\" ()", "no words")]
    public async Task Searches_with_nothing_to_find_explain_why(string q, string expected)
    {
        var problem = await (await factory.Anonymous().GetAsync($"/v1/search?q={Uri.EscapeDataString(q)}")).AssertFieldError("q");

        Assert.Contains(expected, problem["errors"]!["q"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Operator_words_and_column_filters_are_searched_as_text()
    {
        var admin = factory.Admin();
        var word = Word();
        var near = await admin.CreateArticleWith($"Near the {word} border");
        var column = await admin.CreateArticleWith($"Headline: {word} fame");

        Assert.Equal([near.Id()], (await factory.Anonymous().Search($"NEAR( {word}")).ArticleIds());
        Assert.Equal([column.Id()], (await factory.Anonymous().Search($"headline:{word}")).ArticleIds());
        Assert.Equal([near.Id()], (await factory.Anonymous().Search($"\"near the {word}")).ArticleIds());
    }

    [Fact]
    public async Task Injection_attempts_change_nothing()
    {
        var admin = factory.Admin();
        var word = Word();
        var article = await admin.CreateArticleWith($"{word} survives");

        await factory.Anonymous().Search($"{word}'; DROP TABLE articles; --");
        await factory.Anonymous().Search($"{word}\") OR 1=1 --");

        Assert.Equal([article.Id()], (await factory.Anonymous().Search(word)).ArticleIds());
        await (await factory.Anonymous().GetAsync($"/v1/articles/{article.Id()}")).AssertOk();
    }
}
