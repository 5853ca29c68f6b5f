using System.Net;
using System.Text.Json.Nodes;
using Headless.Api.Tests.Articles;
using Headless.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Headless.Api.Tests.Workflow;

/// <summary>The background scheduler publishes scheduled articles when the (fake) clock reaches their time, without any request.</summary>
public sealed class ScheduledPublishingTests(FakeClockApiFactory factory) : IClassFixture<FakeClockApiFactory>
{
    [Fact]
    public async Task Scheduled_article_is_published_by_the_scheduler_when_its_time_comes()
    {
        var admin = factory.Admin();
        var article = await admin.CreateInStatus("draft", factory.Clock.GetUtcNow());
        using var watch = new PublicationWatch(factory.Services, article.Id());
        var publishAt = factory.Clock.GetUtcNow().AddMinutes(10);
        await (await admin.Transition(article.Id(), "schedule", publishAt)).AssertOk();
        await (await factory.Anonymous().GetAsync($"/v1/articles/{article.Id()}")).AssertProblem(HttpStatusCode.NotFound);

        factory.Clock.Advance(TimeSpan.FromMinutes(10));
        var publishedAtPass = await watch.Published;

        Assert.Equal(publishAt, publishedAtPass);
        var read = await (await factory.Anonymous().GetAsync($"/v1/articles/{article.Id()}")).AssertOk();
        Assert.Equal("published", read.Text("status"));
        Assert.Equal(publishedAtPass, read.Instant("publishedAt"));
        Assert.Equal(publishedAtPass, read.Instant("substantiveUpdateAt"));
        Assert.Null(read["scheduledAt"]);
        Assert.Equal(article.Version() + 2, read.Version());
    }

    [Fact]
    public async Task Scheduled_publishing_is_recorded_as_a_revision_by_the_scheduler()
    {
        var admin = factory.Admin();
        var article = await admin.CreateInStatus("draft", factory.Clock.GetUtcNow());
        using var watch = new PublicationWatch(factory.Services, article.Id());
        await (await admin.Transition(article.Id(), "schedule", factory.Clock.GetUtcNow().AddMinutes(10))).AssertOk();

        factory.Clock.Advance(TimeSpan.FromMinutes(10));
        await watch.Published;

        var revisions = await (await admin.GetAsync($"/v1/articles/{article.Id()}/revisions")).AssertOk();
        var newest = revisions["data"]![0]!;
        Assert.Equal(3, newest["number"]!.GetValue<long>());
        Assert.Equal("published", newest.Text("status"));
        Assert.Equal("scheduler", newest["actor"]!.Text("name"));
        Assert.Null(newest["actor"]!["keyId"]);
        Assert.Equal("configuration admin key", revisions["data"]![1]!["actor"]!.Text("name"));
    }

    [Fact]
    public async Task Rescheduled_article_is_published_at_the_new_time_not_the_old()
    {
        var admin = factory.Admin();
        var article = await admin.CreateInStatus("draft", factory.Clock.GetUtcNow());
        using var watch = new PublicationWatch(factory.Services, article.Id());
        var start = factory.Clock.GetUtcNow();
        await (await admin.Transition(article.Id(), "schedule", start.AddMinutes(10))).AssertOk();
        var moved = await (await admin.Transition(article.Id(), "schedule", start.AddMinutes(30))).AssertOk();
        Assert.Equal(start.AddMinutes(30), moved.Instant("scheduledAt"));

        // Taken before the jump: the pass it sets off can run inside Advance itself.
        var nextPass = watch.NextPass();
        factory.Clock.Advance(TimeSpan.FromMinutes(10));
        await nextPass;

        var waiting = await (await admin.GetAsync($"/v1/articles/{article.Id()}")).AssertOk();
        Assert.Equal("scheduled", waiting.Text("status"));
        Assert.False(watch.IsPublished);

        factory.Clock.Advance(TimeSpan.FromMinutes(20));

        Assert.Equal(start.AddMinutes(30), await watch.Published);
        var read = await (await admin.GetAsync($"/v1/articles/{article.Id()}")).AssertOk();
        Assert.Equal("published", read.Text("status"));
        Assert.Equal(start.AddMinutes(30), read.Instant("publishedAt"));
    }

    [Fact]
    public async Task Unpublished_scheduled_article_is_not_published_when_its_time_comes()
    {
        var admin = factory.Admin();
        var article = await admin.CreateInStatus("draft", factory.Clock.GetUtcNow());
        var other = await admin.CreateInStatus("draft", factory.Clock.GetUtcNow());
        using var watch = new PublicationWatch(factory.Services, other.Id());
        await (await admin.Transition(article.Id(), "schedule", factory.Clock.GetUtcNow().AddMinutes(10))).AssertOk();
        await (await admin.Transition(other.Id(), "schedule", factory.Clock.GetUtcNow().AddMinutes(10))).AssertOk();
        await (await admin.Transition(article.Id(), "unpublish")).AssertOk();

        factory.Clock.Advance(TimeSpan.FromMinutes(10));
        await watch.Published;

        var read = await (await admin.GetAsync($"/v1/articles/{article.Id()}")).AssertOk();
        Assert.Equal("draft", read.Text("status"));
        Assert.Null(read["publishedAt"]);
    }

    [Fact]
    public async Task Every_scheduled_article_is_published_however_the_clock_jump_meets_the_scheduler()
    {
        // Each round races the clock jump against the scheduler going back to sleep after the schedule woke it; a
        // jump that lands between its reading the clock and arming its timer must not leave the article waiting.
        var admin = factory.Admin();
        for (var round = 1; round <= 300; round++)
        {
            var article = await admin.CreateInStatus("draft", factory.Clock.GetUtcNow());
            using var watch = new PublicationWatch(factory.Services, article.Id());
            await (await admin.Transition(article.Id(), "schedule", factory.Clock.GetUtcNow().AddMinutes(10))).AssertOk();

            factory.Clock.Advance(TimeSpan.FromMinutes(10));

            var published = await Record.ExceptionAsync(() => watch.Published);
            Assert.True(published is null, $"Round {round}: the scheduler did not publish the article ({published?.GetType().Name}).");
        }
    }

    [Fact]
    public async Task Articles_that_fall_due_together_are_all_published()
    {
        var admin = factory.Admin();
        var start = factory.Clock.GetUtcNow();
        var first = await admin.CreateInStatus("draft", start);
        var second = await admin.CreateInStatus("draft", start);
        using var firstWatch = new PublicationWatch(factory.Services, first.Id());
        using var secondWatch = new PublicationWatch(factory.Services, second.Id());
        await (await admin.Transition(first.Id(), "schedule", start.AddMinutes(5))).AssertOk();
        await (await admin.Transition(second.Id(), "schedule", start.AddMinutes(7))).AssertOk();

        factory.Clock.Advance(TimeSpan.FromMinutes(10));

        await firstWatch.Published;
        await secondWatch.Published;
        foreach (var id in new[] { first.Id(), second.Id() })
        {
            Assert.Equal("published", (await (await factory.Anonymous().GetAsync($"/v1/articles/{id}")).AssertOk()).Text("status"));
        }
    }
}

/// <summary>Scheduled articles that fell due while the server was down are published when it starts again.</summary>
public sealed class ScheduledPublishingRestartTests
{
    [Fact]
    public async Task Article_that_fell_due_while_the_server_was_down_is_published_on_start()
    {
        var path = Path.Combine(Path.GetTempPath(), "headless-tests", Guid.NewGuid().ToString("N"), "restart.db");
        var start = DateTimeOffset.UtcNow;
        try
        {
            long id;
            await using (var first = new FileClockFactory(path, start))
            {
                var admin = first.Admin();
                var article = await admin.CreateInStatus("draft", start);
                id = article.Id();
                var scheduled = await (await admin.Transition(id, "schedule", start.AddMinutes(10))).AssertOk();
                Assert.Equal("scheduled", scheduled.Text("status"));
            }

            var later = start.AddMinutes(15);
            await using (var second = new FileClockFactory(path, later))
            {
                using var watch = new PublicationWatch(second.Services, id);
                var admin = second.Admin();
                var read = await (await admin.GetAsync($"/v1/articles/{id}")).AssertOk();
                if (read.Text("status") != "published")
                {
                    // The pass on start may come after this first read; the watch catches it then.
                    Assert.Equal(later, await watch.Published);
                    read = await (await admin.GetAsync($"/v1/articles/{id}")).AssertOk();
                }

                Assert.Equal("published", read.Text("status"));
                Assert.Equal(later, read.Instant("publishedAt"));
                await (await second.Anonymous().GetAsync($"/v1/articles/{id}")).AssertOk();
                var revisions = await (await admin.GetAsync($"/v1/articles/{id}/revisions")).AssertOk();
                Assert.Equal("scheduler", revisions["data"]![0]!["actor"]!.Text("name"));
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    /// <summary>The API on a database file of the test's choosing, on a fake clock that starts at <paramref name="start"/>.</summary>
    private sealed class FileClockFactory(string path, DateTimeOffset start) : ApiFactory
    {
        public FakeTimeProvider Clock { get; } = new(start);

        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("ConnectionStrings:Headless", $"Data Source={path}")];

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
        }
    }
}
