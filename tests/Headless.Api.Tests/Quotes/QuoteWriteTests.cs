using System.Net;
using Headless.Api.Tests.Infrastructure;

namespace Headless.Api.Tests.Quotes;

public sealed class QuoteWriteTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Post_returns_201_with_location_and_the_quote()
    {
        var admin = factory.Admin();
        var articleId = await admin.CreateArticleId();

        var response = await admin.PostJson($"/v1/articles/{articleId}/quotes", new
        {
            text = "  The border stays open.  ",
            speaker = "Ana Pérez",
            speakerRole = "Foreign minister",
            context = "At a press conference.",
        });

        var created = await response.AssertOk(HttpStatusCode.Created);
        var id = created["id"]!.GetValue<long>();
        Assert.Equal($"/v1/quotes/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal(articleId, created["articleId"]!.GetValue<long>());
        Assert.Equal("The border stays open.", created["text"]!.GetValue<string>());
        Assert.Equal("Ana Pérez", created["speaker"]!.GetValue<string>());
        Assert.Equal("Foreign minister", created["speakerRole"]!.GetValue<string>());
        Assert.Equal("At a press conference.", created["context"]!.GetValue<string>());
        Assert.Equal(1, created["position"]!.GetValue<int>());
        Assert.Equal(1, created["version"]!.GetValue<long>());
        var fetched = await (await factory.Anonymous().GetAsync(response.Headers.Location)).AssertOk();
        Assert.Equal(id, fetched["id"]!.GetValue<long>());
    }

    [Fact]
    public async Task Post_without_position_goes_after_the_last_quote()
    {
        var admin = factory.Admin();
        var articleId = await admin.CreateArticleId();

        var first = await admin.CreateQuote(articleId);
        var explicitSeventh = await admin.CreateQuote(articleId, position: 7);
        var next = await admin.CreateQuote(articleId);

        Assert.Equal(1, first["position"]!.GetValue<int>());
        Assert.Equal(7, explicitSeventh["position"]!.GetValue<int>());
        Assert.Equal(8, next["position"]!.GetValue<int>());
    }

    [Fact]
    public async Task Positions_are_counted_per_article()
    {
        var admin = factory.Admin();
        var busy = await admin.CreateArticleId();
        await admin.CreateQuote(busy);
        await admin.CreateQuote(busy);
        var fresh = await admin.CreateArticleId();

        var quote = await admin.CreateQuote(fresh);

        Assert.Equal(1, quote["position"]!.GetValue<int>());
    }

    [Fact]
    public async Task Post_to_unknown_article_returns_404()
    {
        var response = await factory.Admin().PostJson("/v1/articles/987654321/quotes", new { text = "Hello.", speaker = "Nobody" });
        await response.AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Post_to_a_draft_article_is_allowed_for_editors()
    {
        var admin = factory.Admin();
        var draftId = await admin.CreateArticleId(status: "draft");

        var quote = await admin.CreateQuote(draftId);

        Assert.Equal(draftId, quote["articleId"]!.GetValue<long>());
    }

    [Fact]
    public async Task Put_replaces_fields_keeps_position_when_omitted_and_increments_version()
    {
        var admin = factory.Admin();
        var articleId = await admin.CreateArticleId();
        await admin.CreateQuote(articleId);
        var quote = await admin.CreateQuote(articleId);
        var id = quote["id"]!.GetValue<long>();
        await admin.PutCurrent($"/v1/quotes/{id}", new { text = "Before.", speaker = "Before", speakerRole = "Role", context = "Context" });

        var response = await admin.PutCurrent($"/v1/quotes/{id}", new { text = "After.", speaker = "After" });

        var updated = await response.AssertOk();
        Assert.Equal("After.", updated["text"]!.GetValue<string>());
        Assert.Equal("After", updated["speaker"]!.GetValue<string>());
        Assert.Null(updated["speakerRole"]);
        Assert.Null(updated["context"]);
        Assert.Equal(2, updated["position"]!.GetValue<int>());
        Assert.Equal(3, updated["version"]!.GetValue<long>());
        Assert.Equal(quote["createdAt"]!.GetValue<string>(), updated["createdAt"]!.GetValue<string>());
        var fetched = await (await factory.Anonymous().GetAsync($"/v1/quotes/{id}")).AssertOk();
        Assert.Equal("After.", fetched["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Put_with_position_moves_the_quote()
    {
        var admin = factory.Admin();
        var articleId = await admin.CreateArticleId();
        var first = await admin.CreateQuote(articleId, speaker: "First");
        var second = await admin.CreateQuote(articleId, speaker: "Second");

        await (await admin.PutCurrent($"/v1/quotes/{first["id"]}", new { text = "Moved.", speaker = "First", position = 5 })).AssertOk();

        var list = await (await factory.Anonymous().GetAsync($"/v1/articles/{articleId}/quotes")).AssertOk();
        Assert.Equal([second["id"]!.GetValue<long>(), first["id"]!.GetValue<long>()], list.Ids());
    }

    [Fact]
    public async Task Put_with_unknown_id_returns_404()
    {
        var response = await factory.Admin().PutJson("/v1/quotes/987654321", new { text = "Hello.", speaker = "Nobody" });
        await response.AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Delete_returns_204_then_the_quote_is_gone()
    {
        var admin = factory.Admin();
        var articleId = await admin.CreateArticleId();
        var id = (await admin.CreateQuote(articleId))["id"]!.GetValue<long>();

        var response = await admin.DeleteCurrent($"/v1/quotes/{id}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await (await admin.GetAsync($"/v1/quotes/{id}")).AssertProblem(HttpStatusCode.NotFound);
        await (await admin.DeleteCurrent($"/v1/quotes/{id}")).AssertProblem(HttpStatusCode.NotFound);
        var list = await (await admin.GetAsync($"/v1/articles/{articleId}/quotes")).AssertOk();
        Assert.DoesNotContain(id, list.Ids());
    }

    [Fact]
    public async Task Delete_with_unknown_id_returns_404()
    {
        var response = await factory.Admin().DeleteAsync("/v1/quotes/987654321");
        await response.AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Deleting_the_article_deletes_its_quotes()
    {
        var admin = factory.Admin();
        var articleId = await admin.CreateArticleId();
        var id = (await admin.CreateQuote(articleId))["id"]!.GetValue<long>();

        (await admin.DeleteCurrent($"/v1/articles/{articleId}")).EnsureSuccessStatusCode();

        await (await admin.GetAsync($"/v1/quotes/{id}")).AssertProblem(HttpStatusCode.NotFound);
        var list = await (await admin.GetAsync($"/v1/quotes?articleId={articleId}")).AssertOk();
        Assert.Empty(list["data"]!.AsArray());
        await (await admin.GetAsync($"/v1/articles/{articleId}/quotes")).AssertProblem(HttpStatusCode.NotFound);
    }
}
