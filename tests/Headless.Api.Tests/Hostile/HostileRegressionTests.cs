using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Headless.Api.Tests.Infrastructure;
using Headless.Api.Tests.Keys;

namespace Headless.Api.Tests.Hostile;

/// <summary>The 5xx and off-contract answers <see cref="HostileInputTests"/> found, each kept as a plain case.</summary>
public sealed class HostileRegressionTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("text/html")]
    [InlineData("application/xml")]
    public async Task A_404_is_problem_json_whatever_Accept_asks_for(string accept)
    {
        var client = factory.Admin();
        client.DefaultRequestHeaders.Accept.Clear();
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        await (await client.GetAsync("/v1/tags/987654321")).AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_wrong_key_with_an_html_Accept_is_401_problem_json_not_500()
    {
        var client = factory.WithKey("hk_live_" + new string('x', 40));
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        await (await client.GetAsync("/v1/tags")).AssertProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_bad_query_value_with_an_xml_Accept_is_400_problem_json()
    {
        var client = factory.Admin();
        client.DefaultRequestHeaders.Accept.Clear();
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/xml"));
        await (await client.GetAsync("/v1/tags?count=maybe")).AssertProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_json_body_in_an_unknown_charset_is_415_not_500()
    {
        var content = new StringContent("{\"name\":\"Charset\"}", Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "bogus" };
        await (await factory.Admin().PostAsync("/v1/tags", content)).AssertProblem(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_merge_patch_with_a_duplicate_property_is_400_not_500()
    {
        var admin = factory.Admin();
        var article = await admin.CreateArticle();
        var url = $"/v1/articles/{article["id"]}";
        var request = new HttpRequestMessage(HttpMethod.Patch, url)
        {
            Content = new StringContent("{\"headline\":\"x\",\"headline\":\"y\"}", Encoding.UTF8, "application/merge-patch+json"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", await admin.CurrentETag(url));
        await (await admin.SendAsync(request)).AssertProblem(HttpStatusCode.BadRequest);
    }
}
