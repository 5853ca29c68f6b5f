using System.Net;
using Headless.Api.Tests.Infrastructure;

namespace Headless.Api.Tests.Tags;

public sealed class TagValidationTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("""{}""", "name")]
    [InlineData("""{"name":null}""", "name")]
    [InlineData("""{"name":"   "}""", "name")]
    [InlineData("""{"name":"Fine","slug":"Not A Slug"}""", "slug")]
    [InlineData("""{"name":"Fine","slug":"double--hyphen"}""", "slug")]
    [InlineData("""{"name":"Fine","slug":"-leading"}""", "slug")]
    [InlineData("""{"name":"Fine","slug":""}""", "slug")]
    [InlineData("""{"name":"¿?!"}""", "slug")]
    public async Task Post_with_invalid_field_returns_400_naming_it(string body, string field)
    {
        var response = await factory.Admin().PostRaw("/v1/tags", body);
        await response.AssertFieldError(field);
    }

    [Fact]
    public async Task Post_with_name_over_100_characters_returns_400()
    {
        var response = await factory.Admin().PostJson("/v1/tags", new { name = new string('n', 101), slug = Http.UniqueSlug("long") });
        await response.AssertFieldError("name");
    }

    [Fact]
    public async Task Post_with_name_of_100_characters_is_accepted()
    {
        var response = await factory.Admin().PostJson("/v1/tags", new { name = new string('n', 100), slug = Http.UniqueSlug("edge") });
        await response.AssertOk(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Post_with_slug_over_120_characters_returns_400()
    {
        var response = await factory.Admin().PostJson("/v1/tags", new { name = "Long slug", slug = new string('s', 121) });
        await response.AssertFieldError("slug");
    }

    [Fact]
    public async Task Post_with_description_over_1000_characters_returns_400()
    {
        var response = await factory.Admin().PostJson("/v1/tags", new { name = "Wordy", slug = Http.UniqueSlug("wordy"), description = new string('d', 1001) });
        await response.AssertFieldError("description");
    }

    [Fact]
    public async Task Put_with_invalid_body_returns_400_and_changes_nothing()
    {
        var admin = factory.Admin();
        var tag = await admin.CreateTag();

        var response = await admin.PutCurrent($"/v1/tags/{tag["id"]}", new { name = "", slug = "Bad Slug" });

        var problem = await response.AssertFieldError("name");
        Assert.True(problem["errors"]!.AsObject().ContainsKey("slug"));
        var unchanged = await (await factory.Anonymous().GetAsync($"/v1/tags/{tag["id"]}")).AssertOk();
        Assert.Equal(1, unchanged["version"]!.GetValue<long>());
    }

    [Fact]
    public async Task Post_with_unknown_property_returns_400_problem()
    {
        var response = await factory.Admin().PostRaw("/v1/tags", """{"name":"Extra","colour":"red"}""");
        await response.AssertProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Post_with_malformed_json_returns_400_problem()
    {
        var response = await factory.Admin().PostRaw("/v1/tags", """{"name":""");
        await response.AssertProblem(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("POST", "/v1/tags")]
    [InlineData("PUT", "/v1/tags/1")]
    [InlineData("DELETE", "/v1/tags/1")]
    public async Task Write_without_key_returns_401_with_challenge(string method, string url)
    {
        var response = await factory.Anonymous().SendAsync(Write(method, url));

        await response.AssertProblem(HttpStatusCode.Unauthorized);
        Assert.NotEmpty(response.Headers.WwwAuthenticate);
    }

    [Theory]
    [InlineData("POST", "/v1/tags")]
    [InlineData("PUT", "/v1/tags/1")]
    [InlineData("DELETE", "/v1/tags/1")]
    public async Task Write_with_wrong_key_returns_401(string method, string url)
    {
        var client = factory.Anonymous();
        client.DefaultRequestHeaders.Add("X-Api-Key", "not-the-key");

        var response = await client.SendAsync(Write(method, url));

        await response.AssertProblem(HttpStatusCode.Unauthorized);
        Assert.NotEmpty(response.Headers.WwwAuthenticate);
    }

    [Fact]
    public async Task Write_without_key_creates_nothing()
    {
        var slug = Http.UniqueSlug("sneaky");

        await factory.Anonymous().PostJson("/v1/tags", new { name = "Sneaky", slug });

        await (await factory.Admin().GetAsync($"/v1/tags/slug/{slug}")).AssertProblem(HttpStatusCode.NotFound);
    }

    private static HttpRequestMessage Write(string method, string url) => new(new HttpMethod(method), url)
    {
        Content = method == "DELETE" ? null : JsonContent(new { name = "Valid", slug = Http.UniqueSlug("auth") }),
    };

    private static StringContent JsonContent(object body) =>
        new(System.Text.Json.JsonSerializer.Serialize(body, Http.Json), System.Text.Encoding.UTF8, "application/json");
}
