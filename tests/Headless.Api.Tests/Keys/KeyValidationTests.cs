using System.Net;
using System.Text.Json.Nodes;
using Headless.Api.Tests.Infrastructure;

namespace Headless.Api.Tests.Keys;

public sealed class KeyValidationTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("""{"role":"reader"}""", "name")]
    [InlineData("""{"name":"   ","role":"reader"}""", "name")]
    [InlineData("""{"name":"No role"}""", "role")]
    [InlineData("""{"name":"Reader with tags","role":"reader","tags":["mexico"]}""", "tags")]
    [InlineData("""{"name":"Editor with sections","role":"editor","sections":["World"]}""", "sections")]
    [InlineData("""{"name":"Admin with tags","role":"admin","tags":["mexico"]}""", "tags")]
    [InlineData("""{"name":"Bad tag","role":"partner","tags":["Not A Slug"]}""", "tags[0]")]
    [InlineData("""{"name":"Blank section","role":"partner","sections":["  "]}""", "sections[0]")]
    public async Task Post_with_invalid_field_returns_400_naming_it(string body, string field)
    {
        var response = await factory.Admin().PostRaw("/v1/keys", body);

        await response.AssertFieldError(field);
    }

    [Fact]
    public async Task Post_with_a_name_over_100_characters_returns_400()
    {
        await (await factory.Admin().PostJson("/v1/keys", new { name = new string('k', 100), role = "reader" })).AssertOk(HttpStatusCode.Created);
        await (await factory.Admin().PostJson("/v1/keys", new { name = new string('k', 101), role = "reader" })).AssertFieldError("name");
    }

    [Fact]
    public async Task Post_with_an_unknown_role_returns_400_naming_it()
    {
        var response = await factory.Admin().PostJson("/v1/keys", new { name = "Superuser", role = "superuser" });

        var problem = await response.AssertProblem(HttpStatusCode.BadRequest);
        Assert.Equal("$.role", problem["jsonPath"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("tags")]
    [InlineData("sections")]
    public async Task Partner_key_takes_at_most_50_tags_and_sections(string field)
    {
        JsonObject Body(int count) => new()
        {
            ["name"] = "Many scopes",
            ["role"] = "partner",
            [field] = new JsonArray(Enumerable.Range(0, count).Select(i => (JsonNode)$"scope-{i}").ToArray()),
        };

        await (await factory.Admin().PostJson("/v1/keys", Body(50))).AssertOk(HttpStatusCode.Created);
        await (await factory.Admin().PostJson("/v1/keys", Body(51))).AssertFieldError(field);
    }

    [Fact]
    public async Task List_with_bad_paging_returns_400()
    {
        await (await factory.Admin().GetAsync("/v1/keys?limit=0")).AssertFieldError("limit");
        await (await factory.Admin().GetAsync("/v1/keys?role=admin")).AssertProblem(HttpStatusCode.BadRequest);
    }
}
