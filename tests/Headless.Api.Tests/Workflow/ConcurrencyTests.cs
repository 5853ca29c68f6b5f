using System.Net;
using Headless.Api.Tests.Articles;
using Headless.Api.Tests.Infrastructure;

namespace Headless.Api.Tests.Workflow;

/// <summary>ETags and If-Match (428, 412, <c>*</c>, weak tags) on every kind of content, and writers racing on one ETag.</summary>
public sealed class ConcurrencyTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const int Rounds = 10;

    public static TheoryData<string> Kinds() => new("article", "tag", "quote", "link");

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Get_carries_an_etag_of_kind_id_and_version(string kind)
    {
        var resource = await Create(kind);

        var response = await factory.Anonymous().GetAsync(resource.Url);

        await response.AssertOk();
        Assert.StartsWith(WorkflowHttp.ETag(kind, resource.Id, 1)[..^1] + ";", response.Headers.ETag?.ToString());
        Assert.False(response.Headers.ETag!.IsWeak);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Create_response_carries_the_etag_of_version_1(string kind)
    {
        var resource = await Create(kind);

        Assert.Equal(WorkflowHttp.ETag(kind, resource.Id, 1), resource.CreatedETag);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Put_response_carries_the_new_etag(string kind)
    {
        var resource = await Create(kind);

        var response = await factory.Admin().PutCurrent(resource.Url, resource.Body(1));

        var updated = await response.AssertOk();
        Assert.Equal(2, updated.Version());
        Assert.Equal(WorkflowHttp.ETag(kind, resource.Id, 2), response.Headers.ETag?.ToString());
        Assert.StartsWith(WorkflowHttp.ETag(kind, resource.Id, 2)[..^1] + ";", await factory.Admin().CurrentETag(resource.Url));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Put_without_if_match_returns_428(string kind)
    {
        var resource = await Create(kind);

        var response = await factory.Admin().Send(HttpMethod.Put, resource.Url, resource.Body(1));

        await response.AssertProblem(HttpStatusCode.PreconditionRequired);
        Assert.Equal(1, await VersionOf(resource));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Put_with_a_stale_etag_returns_412_with_the_current_etag(string kind)
    {
        var resource = await Create(kind);
        var admin = factory.Admin();
        var stale = await admin.CurrentETag(resource.Url);
        await (await admin.PutCurrent(resource.Url, resource.Body(1))).AssertOk();

        var response = await admin.Send(HttpMethod.Put, resource.Url, resource.Body(2), ifMatch: stale);

        var problem = await response.AssertProblem(HttpStatusCode.PreconditionFailed);
        var current = WorkflowHttp.ETag(kind, resource.Id, 2);
        Assert.Equal(current, response.Headers.ETag?.ToString());
        Assert.Equal(current, problem.Text("currentETag"));
        Assert.Equal(2, await VersionOf(resource));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Put_with_if_match_star_succeeds(string kind)
    {
        var resource = await Create(kind);

        var response = await factory.Admin().Send(HttpMethod.Put, resource.Url, resource.Body(1), ifMatch: "*");

        Assert.Equal(2, (await response.AssertOk()).Version());
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Put_with_a_weak_etag_returns_412(string kind)
    {
        var resource = await Create(kind);

        var response = await factory.Admin().Send(HttpMethod.Put, resource.Url, resource.Body(1), ifMatch: "W/" + WorkflowHttp.ETag(kind, resource.Id, 1));

        await response.AssertProblem(HttpStatusCode.PreconditionFailed);
        Assert.Equal(1, await VersionOf(resource));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Put_with_the_etag_of_another_resource_returns_412(string kind)
    {
        var resource = await Create(kind);
        var otherKind = kind == "tag" ? "article" : "tag";

        var response = await factory.Admin().Send(HttpMethod.Put, resource.Url, resource.Body(1), ifMatch: WorkflowHttp.ETag(otherKind, resource.Id, 1));

        await response.AssertProblem(HttpStatusCode.PreconditionFailed);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Put_with_a_list_of_etags_that_names_the_current_one_succeeds(string kind)
    {
        var resource = await Create(kind);

        var response = await factory.Admin().Send(HttpMethod.Put, resource.Url, resource.Body(1),
            ifMatch: $"{WorkflowHttp.ETag(kind, resource.Id, 7)}, {WorkflowHttp.ETag(kind, resource.Id, 1)}");

        await response.AssertOk();
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Delete_without_if_match_returns_428(string kind)
    {
        var resource = await Create(kind);

        var response = await factory.Admin().Send(HttpMethod.Delete, resource.Url);

        await response.AssertProblem(HttpStatusCode.PreconditionRequired);
        await (await factory.Admin().GetAsync(resource.Url)).AssertOk();
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Delete_with_a_stale_etag_returns_412_with_the_current_etag(string kind)
    {
        var resource = await Create(kind);
        var admin = factory.Admin();
        var stale = await admin.CurrentETag(resource.Url);
        await (await admin.PutCurrent(resource.Url, resource.Body(1))).AssertOk();

        var response = await admin.Send(HttpMethod.Delete, resource.Url, ifMatch: stale);

        await response.AssertProblem(HttpStatusCode.PreconditionFailed);
        Assert.Equal(WorkflowHttp.ETag(kind, resource.Id, 2), response.Headers.ETag?.ToString());
        await (await admin.GetAsync(resource.Url)).AssertOk();
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Delete_with_the_current_etag_returns_204_and_then_404(string kind)
    {
        var resource = await Create(kind);
        var admin = factory.Admin();

        var response = await admin.DeleteCurrent(resource.Url);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await (await admin.GetAsync(resource.Url)).AssertProblem(HttpStatusCode.NotFound);
        await (await admin.Send(HttpMethod.Delete, resource.Url, ifMatch: "*")).AssertProblem(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Two_writers_racing_with_one_etag_get_one_200_and_one_412(string kind)
    {
        var resource = await Create(kind);
        var first = factory.Admin();
        var second = factory.Admin();

        for (var round = 1; round <= Rounds; round++)
        {
            var etag = await first.CurrentETag(resource.Url);
            var responses = await Task.WhenAll(
                first.Send(HttpMethod.Put, resource.Url, resource.Body(round * 2), ifMatch: etag),
                second.Send(HttpMethod.Put, resource.Url, resource.Body((round * 2) + 1), ifMatch: etag));

            var statuses = responses.Select(r => r.StatusCode).Order().ToArray();
            Assert.True(
                statuses is [HttpStatusCode.OK, HttpStatusCode.PreconditionFailed],
                $"Round {round}: expected one 200 and one 412, got {string.Join(", ", statuses.Select(s => (int)s))}");
            await responses.Single(r => r.StatusCode == HttpStatusCode.PreconditionFailed).AssertProblem(HttpStatusCode.PreconditionFailed);
        }

        Assert.Equal(1 + Rounds, await VersionOf(resource));
    }

    [Fact]
    public async Task Two_editors_racing_a_workflow_operation_with_one_etag_get_one_200_and_one_412()
    {
        var article = await factory.Admin().CreateArticle(status: "draft");
        var url = $"/v1/articles/{article.Id()}";
        var first = factory.Admin();
        var second = factory.Admin();

        for (var round = 1; round <= Rounds; round++)
        {
            var operation = round % 2 == 1 ? "publish" : "unpublish";
            var etag = await first.CurrentETag(url);
            var responses = await Task.WhenAll(
                first.Transition(article.Id(), operation, ifMatch: etag),
                second.Transition(article.Id(), operation, ifMatch: etag));

            var statuses = responses.Select(r => r.StatusCode).Order().ToArray();
            Assert.True(
                statuses is [HttpStatusCode.OK, HttpStatusCode.PreconditionFailed],
                $"Round {round} ({operation}): expected one 200 and one 412, got {string.Join(", ", statuses.Select(s => (int)s))}");
        }

        var read = await (await first.GetAsync(url)).AssertOk();
        Assert.Equal(1 + Rounds, read.Version());
        Assert.Equal("draft", read.Text("status"));
    }

    private async Task<long> VersionOf(Resource resource) =>
        (await (await factory.Admin().GetAsync(resource.Url)).AssertOk()).Version();

    /// <summary>A new resource of <paramref name="kind"/>, with a body for a valid replace that differs with <c>n</c>.</summary>
    private async Task<Resource> Create(string kind)
    {
        var admin = factory.Admin();
        switch (kind)
        {
            case "article":
            {
                var response = await admin.PostJson("/v1/articles", new { headline = "Raced", slug = Http.UniqueSlug("race"), status = "published" });
                var id = (await response.AssertOk(HttpStatusCode.Created)).Id();
                return new Resource(id, $"/v1/articles/{id}", response.Headers.ETag?.ToString(), n => new { headline = $"Headline {n}" });
            }

            case "tag":
            {
                var slug = Http.UniqueSlug("race");
                var response = await admin.PostJson("/v1/tags", new { name = $"Tag {slug}", slug });
                var id = (await response.AssertOk(HttpStatusCode.Created)).Id();
                return new Resource(id, $"/v1/tags/{id}", response.Headers.ETag?.ToString(), n => new { name = $"Tag {slug} {n}" });
            }

            case "quote":
            {
                var article = await admin.CreateArticle();
                var response = await admin.PostJson($"/v1/articles/{article.Id()}/quotes", new { text = "Raced words.", speaker = "Ana Pérez" });
                var id = (await response.AssertOk(HttpStatusCode.Created)).Id();
                return new Resource(id, $"/v1/quotes/{id}", response.Headers.ETag?.ToString(), n => new { text = $"Raced words {n}.", speaker = "Ana Pérez" });
            }

            case "link":
            {
                var article = await admin.CreateArticle();
                var response = await admin.PostJson($"/v1/articles/{article.Id()}/links", new { kind = "related", title = "Raced", url = "/raced" });
                var id = (await response.AssertOk(HttpStatusCode.Created)).Id();
                return new Resource(id, $"/v1/links/{id}", response.Headers.ETag?.ToString(), n => new { kind = "related", title = $"Raced {n}", url = "/raced" });
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    private sealed record Resource(long Id, string Url, string? CreatedETag, Func<int, object> Body);
}
