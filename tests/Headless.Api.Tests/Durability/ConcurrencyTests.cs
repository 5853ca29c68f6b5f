using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Headless.Api.Tests.Infrastructure;

namespace Headless.Api.Tests.Durability;

/// <summary>
/// 16 writers and 16 readers on the same few articles for a few seconds: no 5xx (so no SQLITE_BUSY reaches a
/// client), no lost update (every write carries If-Match; a 412 is retried after a fresh read), versions a reader sees
/// never go back, and (skipped: a known bug) no reader sees a write half done (headline and tags change together).
/// </summary>
public sealed class ConcurrencyTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const int Writers = 16;
    private const int Readers = 16;
    private const int Articles = 4;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Concurrent_writers_and_readers_get_no_5xx_and_lose_no_update()
    {
        var run = await RunAsync();
        Assert.Empty(run.Errors);
        Assert.True(run.Reads > Readers, $"only {run.Reads} reads");
        Assert.True(run.Successes.Sum() > Writers, $"only {run.Successes.Sum()} writes succeeded ({run.PreconditionFailures} precondition failures)");
        for (var a = 0; a < Articles; a++)
        {
            var final = await (await factory.Admin().GetAsync($"/v1/articles/{run.Ids[a]}")).AssertOk();
            Assert.Equal(run.Successes[a] + 1, final["version"]!.GetValue<long>());
        }
    }

    // GET /v1/articles/{id} reads the article row and its tags in one read transaction (ArticleStore.ReadAsync); before,
    // they were two snapshots and a write committing in between showed the new headline with the old tags.
    [Fact]
    public async Task Readers_never_see_an_article_half_written()
    {
        var run = await RunAsync();
        Assert.Empty(run.TornReads);
    }

    private sealed record Run(long[] Ids, int[] Successes, int PreconditionFailures, int Reads, IReadOnlyList<string> Errors, IReadOnlyList<string> TornReads);

    private async Task<Run> RunAsync()
    {
        var admin = factory.Admin();
        var prefix = Http.UniqueSlug("cc")[..11];
        for (var n = 0; n < 3; n++)
        {
            // Made first, so that writers only attach tags and never race to create one.
            await (await admin.PostJson("/v1/tags", new { name = $"{prefix}-{n}", slug = $"{prefix}-{n}" })).AssertOk(HttpStatusCode.Created);
        }

        var ids = new long[Articles];
        for (var a = 0; a < Articles; a++)
        {
            var created = await (await admin.PostJson("/v1/articles", new
            {
                headline = "Concurrent n0",
                slug = Http.UniqueSlug($"{prefix}-{a}"),
                body = "First paragraph.\n\nSecond paragraph.",
                tags = new[] { $"{prefix}-0" },
            })).AssertOk(HttpStatusCode.Created);
            ids[a] = created["id"]!.GetValue<long>();
        }

        var successes = new int[Articles];
        var preconditionFailures = 0;
        var reads = 0;
        var problems = new ConcurrentQueue<string>();
        var torn = new ConcurrentQueue<string>();
        var deadline = DateTime.UtcNow + Duration;

        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            var client = factory.Admin();
            var random = new Random(w);
            while (DateTime.UtcNow < deadline)
            {
                var a = random.Next(Articles);
                var url = $"/v1/articles/{ids[a]}";
                var etag = await client.CurrentETag(url);
                var n = random.Next(3);
                var response = await client.PatchMerge(url, new { headline = $"Concurrent n{n}", tags = new[] { $"{prefix}-{n}" } }, etag);
                switch (response.StatusCode)
                {
                    case HttpStatusCode.OK:
                        Interlocked.Increment(ref successes[a]);
                        break;
                    case HttpStatusCode.PreconditionFailed:
                        Interlocked.Increment(ref preconditionFailures);
                        break;
                    default:
                        problems.Enqueue($"PATCH {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                        break;
                }
            }
        })).ToList();

        var readers = Enumerable.Range(0, Readers).Select(r => Task.Run(async () =>
        {
            var client = factory.Admin();
            var lastVersion = new long[Articles];
            var random = new Random(100 + r);
            while (DateTime.UtcNow < deadline)
            {
                var a = random.Next(Articles);
                var response = await client.GetAsync($"/v1/articles/{ids[a]}");
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    problems.Enqueue($"GET {ids[a]}: {(int)response.StatusCode} {body}");
                    continue;
                }

                Interlocked.Increment(ref reads);
                var article = JsonNode.Parse(body)!;
                var n = article["headline"]!.GetValue<string>()[^1..];
                var tags = article["tags"]!.AsArray().Select(t => t!["slug"]!.GetValue<string>()).ToArray();
                if (tags is not [var tag] || tag != $"{prefix}-{n}")
                {
                    torn.Enqueue($"article {ids[a]} at version {article["version"]} says n{n} but has tags {string.Join(",", tags)}");
                }

                var version = article["version"]!.GetValue<long>();
                if (version < lastVersion[a])
                {
                    problems.Enqueue($"article {ids[a]} went back from version {lastVersion[a]} to {version}");
                }

                lastVersion[a] = version;
            }
        })).ToList();

        await Task.WhenAll(writers.Concat(readers));
        return new Run(ids, successes, preconditionFailures, reads, [.. problems], [.. torn]);
    }
}
