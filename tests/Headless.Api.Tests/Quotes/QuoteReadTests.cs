using System.Net;
using Headless.Api.Tests.Infrastructure;

namespace Headless.Api.Tests.Quotes;

public sealed class QuoteReadTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Get_by_id_includes_the_article_reference()
    {
        var admin = factory.Admin();
        var article = await admin.CreateArticle();
        var articleId = article["id"]!.GetValue<long>();
        var id = (await admin.CreateQuote(articleId))["id"]!.GetValue<long>();

        var quote = await (await factory.Anonymous().GetAsync($"/v1/quotes/{id}")).AssertOk();

        Assert.Equal(articleId, quote["articleId"]!.GetValue<long>());
        Assert.Equal(articleId, quote["article"]!["id"]!.GetValue<long>());
        Assert.Equal(article["slug"]!.GetValue<string>(), quote["article"]!["slug"]!.GetValue<string>());
        Assert.Equal(article["headline"]!.GetValue<string>(), quote["article"]!["headline"]!.GetValue<string>());
    }

    [Fact]
    public async Task Get_with_unknown_id_returns_404_problem()
    {
        var response = await factory.Anonymous().GetAsync("/v1/quotes/987654321");
        await response.AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Article_quotes_are_listed_in_position_order()
    {
        var admin = factory.Admin();
        var articleId = await admin.CreateArticleId();
        var third = await admin.CreateQuote(articleId, position: 30);
        var first = await admin.CreateQuote(articleId, position: 10);
        var second = await admin.CreateQuote(articleId, position: 20);
        var otherArticle = await admin.CreateArticleId();
        await admin.CreateQuote(otherArticle);

        var list = await (await factory.Anonymous().GetAsync($"/v1/articles/{articleId}/quotes")).AssertOk();

        Assert.Equal([first["id"]!.GetValue<long>(), second["id"]!.GetValue<long>(), third["id"]!.GetValue<long>()], list.Ids());
        Assert.Null(list["page"]!["next"]);
    }

    [Fact]
    public async Task Article_quotes_page_with_limit_and_page()
    {
        var admin = factory.Admin();
        var articleId = await admin.CreateArticleId();
        var ids = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await admin.CreateQuote(articleId))["id"]!.GetValue<long>());
        }

        var first = await (await factory.Anonymous().GetAsync($"/v1/articles/{articleId}/quotes?limit=2")).AssertOk();
        var second = await (await factory.Anonymous().GetAsync($"/v1/articles/{articleId}/quotes?limit=2&cursor={first.NextCursor()}")).AssertOk();

        Assert.Equal(ids[..2], first.Ids());
        Assert.Equal([ids[2]], second.Ids());
        Assert.Null(second["page"]!["next"]);
    }

    [Fact]
    public async Task Quotes_of_unknown_article_return_404()
    {
        var response = await factory.Anonymous().GetAsync("/v1/articles/987654321/quotes");
        await response.AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task List_filters_by_article_id()
    {
        var admin = factory.Admin();
        var articleId = await admin.CreateArticleId();
        var mine = (await admin.CreateQuote(articleId))["id"]!.GetValue<long>();
        await admin.CreateQuote(await admin.CreateArticleId());

        var list = await (await factory.Anonymous().GetAsync($"/v1/quotes?articleId={articleId}")).AssertOk();

        Assert.Equal([mine], list.Ids());
    }

    [Fact]
    public async Task List_filters_by_speaker_contains_case_insensitively()
    {
        var admin = factory.Admin();
        var token = Guid.NewGuid().ToString("N")[..10];
        var articleId = await admin.CreateArticleId();
        var match = (await admin.CreateQuote(articleId, speaker: $"Maria Lopez{token}Gomez"))["id"]!.GetValue<long>();
        await admin.CreateQuote(articleId, speaker: "Someone Else");

        var lower = await (await factory.Anonymous().GetAsync($"/v1/quotes?speaker=lopez{token}g")).AssertOk();
        var upper = await (await factory.Anonymous().GetAsync($"/v1/quotes?speaker=LOPEZ{token.ToUpperInvariant()}G")).AssertOk();

        Assert.Equal([match], lower.Ids());
        Assert.Equal([match], upper.Ids());
    }

    [Fact]
    public async Task Speaker_filter_ignores_case_of_accented_letters()
    {
        var admin = factory.Admin();
        var articleId = await admin.CreateArticleId();
        var match = (await admin.CreateQuote(articleId, speaker: "Álvaro Núñez"))["id"]!.GetValue<long>();
        await admin.CreateQuote(articleId, speaker: "Alvaro Nunez");

        var lower = await (await factory.Anonymous().GetAsync($"/v1/quotes?articleId={articleId}&speaker={Uri.EscapeDataString("álvaro")}")).AssertOk();
        var upper = await (await factory.Anonymous().GetAsync($"/v1/quotes?articleId={articleId}&speaker={Uri.EscapeDataString("NÚÑEZ")}")).AssertOk();

        Assert.Equal([match], lower.Ids());
        Assert.Equal([match], upper.Ids());
    }

    [Fact]
    public async Task List_filters_by_speaker_and_article_together()
    {
        var admin = factory.Admin();
        var token = Guid.NewGuid().ToString("N")[..10];
        var articleId = await admin.CreateArticleId();
        var match = (await admin.CreateQuote(articleId, speaker: $"Speaker {token}"))["id"]!.GetValue<long>();
        await admin.CreateQuote(articleId, speaker: "Somebody");
        await admin.CreateQuote(await admin.CreateArticleId(), speaker: $"Speaker {token}");

        var list = await (await factory.Anonymous().GetAsync($"/v1/quotes?speaker={token}&articleId={articleId}")).AssertOk();

        Assert.Equal([match], list.Ids());
    }

    [Theory]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("\\")]
    public async Task Speaker_filter_treats_like_wildcards_literally(string wildcard)
    {
        var admin = factory.Admin();
        var articleId = await admin.CreateArticleId();
        var literal = (await admin.CreateQuote(articleId, speaker: $"ab{wildcard}cd"))["id"]!.GetValue<long>();
        await admin.CreateQuote(articleId, speaker: "abXcd");
        await admin.CreateQuote(articleId, speaker: "abcd");

        var list = await (await factory.Anonymous().GetAsync($"/v1/quotes?articleId={articleId}&speaker={Uri.EscapeDataString($"b{wildcard}c")}")).AssertOk();

        Assert.Equal([literal], list.Ids());
    }

    [Fact]
    public async Task Blank_speaker_filter_is_ignored()
    {
        var admin = factory.Admin();
        var articleId = await admin.CreateArticleId();
        var id = (await admin.CreateQuote(articleId))["id"]!.GetValue<long>();

        var list = await (await factory.Anonymous().GetAsync($"/v1/quotes?articleId={articleId}&speaker=%20")).AssertOk();

        Assert.Equal([id], list.Ids());
    }

    [Fact]
    public async Task Quotes_of_a_draft_are_hidden_from_anonymous_readers()
    {
        var admin = factory.Admin();
        var draftId = await admin.CreateArticleId(status: "draft");
        var id = (await admin.CreateQuote(draftId))["id"]!.GetValue<long>();
        var reader = factory.Anonymous();

        await (await reader.GetAsync($"/v1/quotes/{id}")).AssertProblem(HttpStatusCode.NotFound);
        await (await reader.GetAsync($"/v1/articles/{draftId}/quotes")).AssertProblem(HttpStatusCode.NotFound);
        var list = await (await reader.GetAsync($"/v1/quotes?articleId={draftId}")).AssertOk();
        Assert.Empty(list["data"]!.AsArray());
    }

    [Fact]
    public async Task Quotes_of_a_draft_are_visible_to_admin()
    {
        var admin = factory.Admin();
        var draftId = await admin.CreateArticleId(status: "draft");
        var id = (await admin.CreateQuote(draftId))["id"]!.GetValue<long>();

        await (await admin.GetAsync($"/v1/quotes/{id}")).AssertOk();
        Assert.Equal([id], (await (await admin.GetAsync($"/v1/articles/{draftId}/quotes")).AssertOk()).Ids());
        Assert.Equal([id], (await (await admin.GetAsync($"/v1/quotes?articleId={draftId}")).AssertOk()).Ids());
    }

    [Fact]
    public async Task Quotes_become_visible_when_their_article_is_published()
    {
        var admin = factory.Admin();
        var draft = await admin.CreateArticle(status: "draft");
        var draftId = draft["id"]!.GetValue<long>();
        var id = (await admin.CreateQuote(draftId))["id"]!.GetValue<long>();

        await (await admin.PostAsync($"/v1/articles/{draftId}/publish", null)).AssertOk();

        await (await factory.Anonymous().GetAsync($"/v1/quotes/{id}")).AssertOk();
    }

    [Theory]
    [InlineData("/v1/quotes?limit=0")]
    [InlineData("/v1/quotes?limit=101")]
    [InlineData("/v1/quotes?limit=abc")]
    [InlineData("/v1/quotes?cursor=bm9wZQ.bm9wZQ")]
    [InlineData("/v1/quotes?articleId=0")]
    [InlineData("/v1/quotes?articleId=-3")]
    [InlineData("/v1/quotes?articleId=abc")]
    [InlineData("/v1/quotes?sort=speaker")]
    [InlineData("/v1/articles/1/quotes?limit=0")]
    [InlineData("/v1/articles/1/quotes?speaker=ana")]
    public async Task Bad_query_returns_400_problem(string url)
    {
        var response = await factory.Anonymous().GetAsync(url);
        await response.AssertProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Speaker_filter_over_200_characters_returns_400()
    {
        var response = await factory.Anonymous().GetAsync($"/v1/quotes?speaker={new string('s', 201)}");
        await response.AssertFieldError("speaker");
    }
}
