using System.Net;
using System.Text.Json.Nodes;
using Headless.Api.Tests.Articles;
using Headless.Api.Tests.Infrastructure;

namespace Headless.Api.Tests.Workflow;

/// <summary>Every workflow operation from every status, on a fake clock so that "now" is exact.</summary>
public sealed class TransitionTests(FakeClockApiFactory factory) : IClassFixture<FakeClockApiFactory>
{
    public static TheoryData<string, string> AllowedTransitions()
    {
        var data = new TheoryData<string, string>();
        foreach (var status in WorkflowHttp.Statuses)
        {
            foreach (var operation in WorkflowHttp.Allowed[status])
            {
                data.Add(status, operation);
            }
        }

        return data;
    }

    public static TheoryData<string, string> RefusedTransitions()
    {
        var data = new TheoryData<string, string>();
        foreach (var status in WorkflowHttp.Statuses)
        {
            foreach (var operation in WorkflowHttp.Operations.Except(WorkflowHttp.Allowed[status]))
            {
                data.Add(status, operation);
            }
        }

        return data;
    }

    public static TheoryData<string> EveryOperation() => new(WorkflowHttp.Operations);

    [Theory]
    [MemberData(nameof(AllowedTransitions))]
    public async Task Allowed_transition_sets_status_timestamps_and_version(string from, string operation)
    {
        var admin = factory.Admin();
        var before = await admin.CreateInStatus(from, factory.Clock.GetUtcNow());
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var now = factory.Clock.GetUtcNow();
        var publishAt = now.AddHours(2);

        var response = await admin.Transition(before.Id(), operation, publishAt);

        var after = await response.AssertOk();
        var expectedStatus = operation switch
        {
            "publish" => "published",
            "unpublish" => "draft",
            "schedule" => "scheduled",
            _ => "archived",
        };
        Assert.Equal(expectedStatus, after.Text("status"));
        Assert.Equal(before.Version() + 1, after.Version());
        Assert.Equal(WorkflowHttp.ETag("article", before.Id(), after.Version()), response.Headers.ETag?.ToString());
        Assert.Equal(now, after.Instant("updatedAt"));
        switch (operation)
        {
            case "publish":
                Assert.Equal(now, after.InstantOrNull("publishedAt"));
                Assert.Equal(now, after.InstantOrNull("substantiveUpdateAt"));
                Assert.Null(after["scheduledAt"]);
                break;
            case "unpublish":
                Assert.Null(after["publishedAt"]);
                Assert.Null(after["scheduledAt"]);
                Assert.Equal(before.InstantOrNull("substantiveUpdateAt"), after.InstantOrNull("substantiveUpdateAt"));
                break;
            case "schedule":
                Assert.Equal(publishAt, after.InstantOrNull("scheduledAt"));
                Assert.Null(after["publishedAt"]);
                Assert.Equal(before.InstantOrNull("substantiveUpdateAt"), after.InstantOrNull("substantiveUpdateAt"));
                break;
            case "archive":
                Assert.Equal(before.InstantOrNull("publishedAt"), after.InstantOrNull("publishedAt"));
                Assert.Null(after["scheduledAt"]);
                Assert.Equal(before.InstantOrNull("substantiveUpdateAt"), after.InstantOrNull("substantiveUpdateAt"));
                break;
        }

        var read = await (await admin.GetAsync($"/v1/articles/{before.Id()}")).AssertOk();
        Assert.Equal(expectedStatus, read.Text("status"));
        Assert.Equal(after.Version(), read.Version());
    }

    [Theory]
    [MemberData(nameof(RefusedTransitions))]
    public async Task Refused_transition_returns_409_naming_current_status_and_allowed_operations(string from, string operation)
    {
        var admin = factory.Admin();
        var before = await admin.CreateInStatus(from, factory.Clock.GetUtcNow());

        var response = await admin.Transition(before.Id(), operation, factory.Clock.GetUtcNow().AddHours(2));

        var problem = await response.AssertProblem(HttpStatusCode.Conflict);
        Assert.Equal(from, problem.Text("currentStatus"));
        Assert.Equal(WorkflowHttp.Allowed[from], problem["allowed"].Strings());
        var read = await (await admin.GetAsync($"/v1/articles/{before.Id()}")).AssertOk();
        Assert.Equal(from, read.Text("status"));
        Assert.Equal(before.Version(), read.Version());
    }

    [Fact]
    public async Task Publish_from_published_returns_409_naming_allowed_operations()
    {
        var admin = factory.Admin();
        var article = await admin.CreateInStatus("published", factory.Clock.GetUtcNow());

        var problem = await (await admin.Transition(article.Id(), "publish")).AssertProblem(HttpStatusCode.Conflict);

        Assert.Equal("published", problem.Text("currentStatus"));
        Assert.Equal(new[] { "unpublish", "archive" }, problem["allowed"].Strings());
        Assert.Contains("unpublish, archive", problem.Text("detail"));
    }

    [Fact]
    public async Task Reschedule_moves_the_scheduled_time()
    {
        var admin = factory.Admin();
        var article = await admin.CreateInStatus("scheduled", factory.Clock.GetUtcNow());
        var later = factory.Clock.GetUtcNow().AddDays(3);

        var moved = await (await admin.Transition(article.Id(), "schedule", later)).AssertOk();

        Assert.Equal("scheduled", moved.Text("status"));
        Assert.Equal(later, moved.Instant("scheduledAt"));
    }

    [Fact]
    public async Task Schedule_accepts_a_time_with_an_offset()
    {
        var admin = factory.Admin();
        var article = await admin.CreateInStatus("draft", factory.Clock.GetUtcNow());
        var at = factory.Clock.GetUtcNow().AddHours(5);

        var response = await admin.Send(HttpMethod.Post, $"/v1/articles/{article.Id()}/schedule",
            new { publishAt = at.ToOffset(TimeSpan.FromHours(-5)).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffzzz", System.Globalization.CultureInfo.InvariantCulture) });

        var scheduled = await response.AssertOk();
        Assert.Equal(at, scheduled.Instant("scheduledAt"));
        Assert.EndsWith("Z", scheduled.Text("scheduledAt"));
    }

    [Fact]
    public async Task Schedule_with_a_past_time_returns_400_naming_publishAt()
    {
        var admin = factory.Admin();
        var article = await admin.CreateInStatus("draft", factory.Clock.GetUtcNow());

        await (await admin.Transition(article.Id(), "schedule", factory.Clock.GetUtcNow().AddMinutes(-1))).AssertFieldError("publishAt");
        await (await admin.Transition(article.Id(), "schedule", factory.Clock.GetUtcNow())).AssertFieldError("publishAt");

        Assert.Equal("draft", (await (await admin.GetAsync($"/v1/articles/{article.Id()}")).AssertOk()).Text("status"));
    }

    [Fact]
    public async Task Schedule_without_publishAt_returns_400_naming_publishAt()
    {
        var admin = factory.Admin();
        var article = await admin.CreateInStatus("draft", factory.Clock.GetUtcNow());

        await (await admin.Send(HttpMethod.Post, $"/v1/articles/{article.Id()}/schedule", new { })).AssertFieldError("publishAt");
        await (await admin.Send(HttpMethod.Post, $"/v1/articles/{article.Id()}/schedule", new { publishAt = (DateTimeOffset?)null })).AssertFieldError("publishAt");
    }

    [Theory]
    [MemberData(nameof(EveryOperation))]
    public async Task Operation_on_an_unknown_article_returns_404(string operation)
    {
        var response = await factory.Admin().Transition(long.MaxValue - 1, operation, factory.Clock.GetUtcNow().AddHours(1));

        await response.AssertProblem(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(EveryOperation))]
    public async Task Operation_without_a_key_returns_401(string operation)
    {
        var article = await factory.Admin().CreateInStatus("draft", factory.Clock.GetUtcNow());

        var response = await factory.Anonymous().Transition(article.Id(), operation, factory.Clock.GetUtcNow().AddHours(1));

        await response.AssertProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Publish_with_a_stale_if_match_returns_412_with_the_current_etag()
    {
        var admin = factory.Admin();
        var article = await admin.CreateInStatus("draft", factory.Clock.GetUtcNow());
        var stale = WorkflowHttp.ETag("article", article.Id(), article.Version());
        await (await admin.PutCurrent($"/v1/articles/{article.Id()}", new { headline = "Changed meanwhile" })).AssertOk();

        var response = await admin.Transition(article.Id(), "publish", ifMatch: stale);

        var problem = await response.AssertProblem(HttpStatusCode.PreconditionFailed);
        var current = WorkflowHttp.ETag("article", article.Id(), article.Version() + 1);
        Assert.Equal(current, response.Headers.ETag?.ToString());
        Assert.Equal(current, problem.Text("currentETag"));
        Assert.Equal("draft", (await (await admin.GetAsync($"/v1/articles/{article.Id()}")).AssertOk()).Text("status"));
    }

    [Fact]
    public async Task Publish_with_a_matching_if_match_returns_200()
    {
        var admin = factory.Admin();
        var article = await admin.CreateInStatus("draft", factory.Clock.GetUtcNow());
        var etag = await admin.CurrentETag($"/v1/articles/{article.Id()}");

        var response = await admin.Transition(article.Id(), "publish", ifMatch: etag);

        var published = await response.AssertOk();
        Assert.Equal("published", published.Text("status"));
        Assert.Equal(WorkflowHttp.ETag("article", article.Id(), article.Version() + 1), response.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task Publish_without_if_match_is_not_conditional()
    {
        var admin = factory.Admin();
        var article = await admin.CreateInStatus("draft", factory.Clock.GetUtcNow());

        var published = await (await admin.Transition(article.Id(), "publish")).AssertOk();

        Assert.Equal("published", published.Text("status"));
    }

    [Fact]
    public async Task Publish_after_unpublish_sets_a_new_publishedAt()
    {
        var admin = factory.Admin();
        var article = await admin.CreateInStatus("published", factory.Clock.GetUtcNow());
        await (await admin.Transition(article.Id(), "unpublish")).AssertOk();
        factory.Clock.Advance(TimeSpan.FromMinutes(5));

        var republished = await (await admin.Transition(article.Id(), "publish")).AssertOk();

        Assert.Equal(factory.Clock.GetUtcNow(), republished.Instant("publishedAt"));
        Assert.True(republished.Instant("publishedAt") > article.Instant("publishedAt"));
    }
}
