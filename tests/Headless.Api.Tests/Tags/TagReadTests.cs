using System.Net;
using System.Text.Json.Nodes;
using Headless.Api.Tests.Infrastructure;

namespace Headless.Api.Tests.Tags;

public sealed class TagReadTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Created_tag_is_read_back_by_id_and_slug()
    {
        var created = await factory.Admin().CreateTag(description: "What it covers.");
        var id = created["id"]!.GetValue<long>();
        var slug = created["slug"]!.GetValue<string>();

        var byId = await (await factory.Anonymous().GetAsync($"/v1/tags/{id}")).AssertOk();
        var bySlug = await (await factory.Anonymous().GetAsync($"/v1/tags/slug/{slug}")).AssertOk();

        Assert.Equal(slug, byId["slug"]!.GetValue<string>());
        Assert.Equal($"Tag {slug}", byId["name"]!.GetValue<string>());
        Assert.Equal("What it covers.", byId["description"]!.GetValue<string>());
        Assert.Equal(0, byId["articleCount"]!.GetValue<int>());
        Assert.Equal(1, byId["version"]!.GetValue<long>());
        Assert.EndsWith("Z", byId["createdAt"]!.GetValue<string>());
        Assert.Equal(id, bySlug["id"]!.GetValue<long>());
    }

    [Fact]
    public async Task Unknown_id_returns_404_problem()
    {
        var response = await factory.Anonymous().GetAsync("/v1/tags/987654321");
        await response.AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Unknown_slug_returns_404_problem()
    {
        var response = await factory.Anonymous().GetAsync($"/v1/tags/slug/{Http.UniqueSlug("missing")}");
        await response.AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task List_has_data_and_page_info()
    {
        await factory.Admin().CreateTag();

        var list = await (await factory.Anonymous().GetAsync("/v1/tags?limit=5")).AssertOk();

        Assert.NotNull(list["data"]?.AsArray());
        Assert.Equal(5, list["page"]!["limit"]!.GetValue<int>());
        Assert.True(list["page"]!.AsObject().ContainsKey("next"));
        Assert.False(list["page"]!.AsObject().ContainsKey("total"));
    }

    [Fact]
    public async Task List_pages_through_tags_by_name_and_ends_with_next_null()
    {
        var admin = factory.Admin();
        var prefix = Guid.NewGuid().ToString("N")[..12];
        string[] names = [$"{prefix} c", $"{prefix} A", $"{prefix} b"];
        foreach (var name in names)
        {
            await admin.CreateTag(name: name, slug: Http.UniqueSlug("paging"));
        }

        var seen = new List<string>();
        JsonNode pageInfo;
        var url = "/v1/tags?limit=2";
        do
        {
            var list = await (await factory.Anonymous().GetAsync(url)).AssertOk();
            var data = list["data"]!.AsArray();
            pageInfo = list["page"]!;
            Assert.Equal(2, pageInfo["limit"]!.GetValue<int>());
            if (pageInfo["next"] is not null)
            {
                Assert.Equal(2, data.Count);
                url = $"/v1/tags?limit=2&cursor={list.NextCursor()}";
            }

            seen.AddRange(data.Select(tag => tag!["name"]!.GetValue<string>()));
        }
        while (pageInfo["next"] is not null);

        var mine = seen.Where(name => name.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        Assert.Equal([$"{prefix} A", $"{prefix} b", $"{prefix} c"], mine);
    }

    [Fact]
    public async Task Count_true_adds_the_exact_total()
    {
        await factory.Admin().CreateTag();

        var list = await (await factory.Anonymous().GetAsync("/v1/tags?limit=1&count=true")).AssertOk();

        Assert.True(list["page"]!["total"]!.GetValue<long>() >= 1);
    }

    [Fact]
    public async Task Article_count_counts_only_published_articles()
    {
        var admin = factory.Admin();
        var tag = await admin.CreateTag();
        var slug = tag["slug"]!.GetValue<string>();
        await admin.CreateArticle(status: "published", tags: [slug]);
        await admin.CreateArticle(status: "draft", tags: [slug]);

        var forReader = await (await factory.Anonymous().GetAsync($"/v1/tags/slug/{slug}")).AssertOk();
        var forAdmin = await (await admin.GetAsync($"/v1/tags/{tag["id"]!.GetValue<long>()}")).AssertOk();

        Assert.Equal(1, forReader["articleCount"]!.GetValue<int>());
        Assert.Equal(1, forAdmin["articleCount"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("/v1/tags?limit=0")]
    [InlineData("/v1/tags?limit=101")]
    [InlineData("/v1/tags?cursor=bm9wZQ.bm9wZQ")]
    [InlineData("/v1/tags?sort=popularity")]
    public async Task List_with_out_of_range_paging_returns_400(string url)
    {
        var response = await factory.Anonymous().GetAsync(url);
        await response.AssertProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task List_with_non_numeric_limit_returns_400_problem()
    {
        var response = await factory.Anonymous().GetAsync("/v1/tags?limit=abc");
        await response.AssertProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task List_with_unknown_query_parameter_returns_400_naming_it()
    {
        var response = await factory.Anonymous().GetAsync("/v1/tags?order=name");

        var problem = await response.AssertProblem(HttpStatusCode.BadRequest);
        Assert.Contains("order", problem["unknown"]!.AsArray().Select(u => u!.GetValue<string>()));
    }
}
