using System.Net;
using System.Text;
using Headless.Api.Tests.Infrastructure;

namespace Headless.Api.Tests.Quotes;

public sealed class QuoteValidationTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("""{"speaker":"Ana"}""", "text")]
    [InlineData("""{"text":"  ","speaker":"Ana"}""", "text")]
    [InlineData("""{"text":"Hello."}""", "speaker")]
    [InlineData("""{"text":"Hello.","speaker":""}""", "speaker")]
    [InlineData("""{"text":"Hello.","speaker":"Ana","position":0}""", "position")]
    [InlineData("""{"text":"Hello.","speaker":"Ana","position":-1}""", "position")]
    [InlineData("""{"text":"Hello.","speaker":"Ana","position":10001}""", "position")]
    public async Task Post_with_invalid_field_returns_400_naming_it(string body, string field)
    {
        var admin = factory.Admin();
        var articleId = await admin.CreateArticleId();

        var response = await admin.PostRaw($"/v1/articles/{articleId}/quotes", body);

        await response.AssertFieldError(field);
    }

    [Theory]
    [InlineData("text", 5001)]
    [InlineData("speaker", 201)]
    [InlineData("speakerRole", 201)]
    [InlineData("context", 1001)]
    public async Task Post_with_too_long_field_returns_400_naming_it(string field, int length)
    {
        var admin = factory.Admin();
        var articleId = await admin.CreateArticleId();
        var body = new Dictionary<string, object> { ["text"] = "Hello.", ["speaker"] = "Ana", [field] = new string('x', length) };

        var response = await admin.PostJson($"/v1/articles/{articleId}/quotes", body);

        await response.AssertFieldError(field);
    }

    [Fact]
    public async Task Post_with_text_of_5000_characters_is_accepted()
    {
        var admin = factory.Admin();
        var articleId = await admin.CreateArticleId();

        var quote = await admin.CreateQuote(articleId, text: new string('x', 5000));

        Assert.Equal(5000, quote["text"]!.GetValue<string>().Length);
    }

    [Fact]
    public async Task Put_with_invalid_body_returns_400_and_changes_nothing()
    {
        var admin = factory.Admin();
        var quote = await admin.CreateQuote(await admin.CreateArticleId());

        var response = await admin.PutCurrent($"/v1/quotes/{quote["id"]}", new { text = "", speaker = "Ana", position = 0 });

        var problem = await response.AssertFieldError("text");
        Assert.True(problem["errors"]!.AsObject().ContainsKey("position"));
        var unchanged = await (await admin.GetAsync($"/v1/quotes/{quote["id"]}")).AssertOk();
        Assert.Equal(1, unchanged["version"]!.GetValue<long>());
    }

    [Fact]
    public async Task Post_with_unknown_property_returns_400_problem()
    {
        var admin = factory.Admin();
        var articleId = await admin.CreateArticleId();

        var response = await admin.PostRaw($"/v1/articles/{articleId}/quotes", """{"text":"Hi.","speaker":"Ana","author":"x"}""");

        await response.AssertProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Write_without_key_changes_nothing()
    {
        var admin = factory.Admin();
        var quote = await admin.CreateQuote(await admin.CreateArticleId());

        await factory.Anonymous().PutJson($"/v1/quotes/{quote["id"]}", new { text = "Changed.", speaker = "Mallory" });
        await factory.Anonymous().DeleteAsync($"/v1/quotes/{quote["id"]}");

        var unchanged = await (await factory.Anonymous().GetAsync($"/v1/quotes/{quote["id"]}")).AssertOk();
        Assert.Equal(quote["text"]!.GetValue<string>(), unchanged["text"]!.GetValue<string>());
    }
}
