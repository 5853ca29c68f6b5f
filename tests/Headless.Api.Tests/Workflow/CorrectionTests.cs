using System.Net;
using Headless.Api.Tests.Articles;
using Headless.Api.Tests.Infrastructure;

namespace Headless.Api.Tests.Workflow;

/// <summary>Public corrections of published articles, and what counts as a substantive update.</summary>
public sealed class CorrectionTests(FakeClockApiFactory factory) : IClassFixture<FakeClockApiFactory>
{
    [Fact]
    public async Task Correction_on_a_published_article_returns_201_with_the_note_and_a_substantive_update()
    {
        var admin = factory.Admin();
        var article = await admin.CreateInStatus("published", factory.Clock.GetUtcNow());
        factory.Clock.Advance(TimeSpan.FromMinutes(3));
        var now = factory.Clock.GetUtcNow();

        var response = await admin.PostJson($"/v1/articles/{article.Id()}/corrections", new { note = "An earlier version misspelt the mayor's name." });

        var corrected = await response.AssertOk(HttpStatusCode.Created);
        Assert.Equal($"/v1/articles/{article.Id()}", response.Headers.Location?.OriginalString);
        Assert.Equal(WorkflowHttp.ETag("article", article.Id(), article.Version() + 1), response.Headers.ETag?.ToString());
        var correction = Assert.Single(corrected["corrections"]!.AsArray())!;
        Assert.Equal("An earlier version misspelt the mayor's name.", correction.Text("note"));
        Assert.Equal(now, correction.Instant("createdAt"));
        Assert.True(correction["id"]!.GetValue<long>() > 0);
        Assert.Equal(now, corrected.Instant("substantiveUpdateAt"));
        Assert.NotEqual(article.Instant("substantiveUpdateAt"), corrected.Instant("substantiveUpdateAt"));
        Assert.Equal(now, corrected.Instant("updatedAt"));
        Assert.Equal(article.Instant("publishedAt"), corrected.Instant("publishedAt"));
        Assert.Equal(article.Version() + 1, corrected.Version());
        Assert.Equal("published", corrected.Text("status"));
    }

    [Fact]
    public async Task Corrections_are_public_and_listed_oldest_first()
    {
        var admin = factory.Admin();
        var article = await admin.CreateInStatus("published", factory.Clock.GetUtcNow());
        await (await admin.PostJson($"/v1/articles/{article.Id()}/corrections", new { note = "First correction." })).AssertOk(HttpStatusCode.Created);
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        await (await admin.PostJson($"/v1/articles/{article.Id()}/corrections", new { note = "  Second correction.  " })).AssertOk(HttpStatusCode.Created);

        var read = await (await factory.Anonymous().GetAsync($"/v1/articles/slug/{article.Slug()}")).AssertOk();

        var notes = read["corrections"]!.AsArray().Select(c => c!.Text("note")).ToArray();
        Assert.Equal(new[] { "First correction.", "Second correction." }, notes);
    }

    [Theory]
    [InlineData("draft")]
    [InlineData("scheduled")]
    [InlineData("archived")]
    public async Task Correction_on_an_unpublished_article_returns_409(string status)
    {
        var admin = factory.Admin();
        var article = await admin.CreateInStatus(status, factory.Clock.GetUtcNow());

        var response = await admin.PostJson($"/v1/articles/{article.Id()}/corrections", new { note = "Not yet." });

        var problem = await response.AssertProblem(HttpStatusCode.Conflict);
        Assert.Equal(status, problem.Text("currentStatus"));
        var read = await (await admin.GetAsync($"/v1/articles/{article.Id()}")).AssertOk();
        Assert.Empty(read["corrections"]!.AsArray());
        Assert.Equal(article.Version(), read.Version());
    }

    [Fact]
    public async Task Correction_without_a_note_returns_400_naming_note()
    {
        var admin = factory.Admin();
        var article = await admin.CreateInStatus("published", factory.Clock.GetUtcNow());

        var response = await admin.PostJson($"/v1/articles/{article.Id()}/corrections", new { });

        var problem = await response.AssertProblem(HttpStatusCode.BadRequest);
        Assert.Contains("note", problem.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Correction_with_a_blank_note_returns_400_naming_note(string note)
    {
        var admin = factory.Admin();
        var article = await admin.CreateInStatus("published", factory.Clock.GetUtcNow());

        var response = await admin.PostJson($"/v1/articles/{article.Id()}/corrections", new { note });

        await response.AssertFieldError("note");
    }

    [Fact]
    public async Task Correction_with_a_note_of_2001_characters_returns_400_naming_note()
    {
        var admin = factory.Admin();
        var article = await admin.CreateInStatus("published", factory.Clock.GetUtcNow());

        var response = await admin.PostJson($"/v1/articles/{article.Id()}/corrections", new { note = new string('x', 2001) });

        await response.AssertFieldError("note");
        Assert.Empty((await (await admin.GetAsync($"/v1/articles/{article.Id()}")).AssertOk())["corrections"]!.AsArray());
    }

    [Fact]
    public async Task Correction_with_a_note_of_2000_characters_is_accepted()
    {
        var admin = factory.Admin();
        var article = await admin.CreateInStatus("published", factory.Clock.GetUtcNow());

        var response = await admin.PostJson($"/v1/articles/{article.Id()}/corrections", new { note = new string('x', 2000) });

        await response.AssertOk(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Correction_on_an_unknown_article_returns_404()
    {
        var response = await factory.Admin().PostJson($"/v1/articles/{long.MaxValue - 1}/corrections", new { note = "Nothing to correct." });

        await response.AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Correction_with_a_stale_if_match_returns_412()
    {
        var admin = factory.Admin();
        var article = await admin.CreateInStatus("published", factory.Clock.GetUtcNow());
        await (await admin.PutCurrent($"/v1/articles/{article.Id()}", new { headline = "Changed meanwhile" })).AssertOk();

        var response = await admin.Send(HttpMethod.Post, $"/v1/articles/{article.Id()}/corrections", new { note = "Late." },
            ifMatch: WorkflowHttp.ETag("article", article.Id(), article.Version()));

        await response.AssertProblem(HttpStatusCode.PreconditionFailed);
        Assert.Equal(WorkflowHttp.ETag("article", article.Id(), article.Version() + 1), response.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task Put_changes_updatedAt_but_not_substantiveUpdateAt()
    {
        var admin = factory.Admin();
        var article = await admin.CreateInStatus("published", factory.Clock.GetUtcNow());
        factory.Clock.Advance(TimeSpan.FromMinutes(7));

        var updated = await (await admin.PutCurrent($"/v1/articles/{article.Id()}", new { headline = "A typo fixed quietly", body = "First paragraph." })).AssertOk();

        Assert.Equal(factory.Clock.GetUtcNow(), updated.Instant("updatedAt"));
        Assert.Equal(article.Instant("substantiveUpdateAt"), updated.Instant("substantiveUpdateAt"));
        Assert.Equal(article.Instant("publishedAt"), updated.Instant("publishedAt"));
    }
}
