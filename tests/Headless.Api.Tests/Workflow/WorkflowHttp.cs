using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Headless.Api.Features.Articles;
using Headless.Api.Tests.Articles;
using Headless.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Headless.Api.Tests.Workflow;

/// <summary>Workflow calls and readers that the workflow test classes share.</summary>
internal static class WorkflowHttp
{
    public static readonly string[] Statuses = ["draft", "scheduled", "published", "archived"];

    public static readonly string[] Operations = ["publish", "unpublish", "schedule", "archive"];

    /// <summary>The operations each status allows, in the order the API names them.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Allowed = new Dictionary<string, string[]>
    {
        ["draft"] = ["publish", "schedule", "archive"],
        ["scheduled"] = ["publish", "unpublish", "schedule", "archive"],
        ["published"] = ["unpublish", "archive"],
        ["archived"] = ["publish", "unpublish"],
    };

    /// <summary>POST /v1/articles/{id}/{operation}; schedule sends <paramref name="publishAt"/> (or an hour from now on the real clock).</summary>
    public static Task<HttpResponseMessage> Transition(this HttpClient client, long id, string operation, DateTimeOffset? publishAt = null, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/articles/{id}/{operation}");
        if (operation == "schedule")
        {
            request.Content = Json(new { publishAt = publishAt ?? DateTimeOffset.UtcNow.AddHours(1) });
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return client.SendAsync(request);
    }

    /// <summary>An article brought into <paramref name="status"/> through the API (scheduled a day after <paramref name="now"/>); answers its JSON.</summary>
    public static async Task<JsonNode> CreateInStatus(this HttpClient admin, string status, DateTimeOffset now, string[]? tags = null, DateTimeOffset? expiresAt = null)
    {
        var slug = Http.UniqueSlug("wf");
        var created = await (await admin.PostJson("/v1/articles", new
        {
            headline = $"Headline {slug}",
            slug,
            body = "First paragraph.\n\nSecond paragraph.",
            status = status == "published" || status == "archived" ? "published" : "draft",
            tags = tags ?? [],
            expiresAt,
        })).AssertOk(HttpStatusCode.Created);
        return status switch
        {
            "scheduled" => await (await admin.Transition(created.Id(), "schedule", now.AddDays(1))).AssertOk(),
            "archived" => await (await admin.Transition(created.Id(), "archive")).AssertOk(),
            _ => created,
        };
    }

    /// <summary>A request with an optional If-Match and JSON body (or a body of <paramref name="contentType"/>).</summary>
    public static Task<HttpResponseMessage> Send(this HttpClient client, HttpMethod method, string url, object? body = null, string? ifMatch = null, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = body is string raw ? new StringContent(raw, Encoding.UTF8, contentType) : Json(body, contentType);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return client.SendAsync(request);
    }

    public static string ETag(string kind, long id, long version) => $"\"{kind}-{id}-{version}\"";

    public static long Version(this JsonNode node) => node["version"]!.GetValue<long>();

    public static DateTimeOffset? InstantOrNull(this JsonNode node, string name) => node[name] is null ? null : node.Instant(name);

    public static string[] Strings(this JsonNode? array) => array!.AsArray().Select(item => item!.GetValue<string>()).ToArray();

    private static StringContent Json(object body, string contentType = "application/json") =>
        new(JsonSerializer.Serialize(body, Http.Json), Encoding.UTF8, contentType);
}

/// <summary>
/// Watches the background scheduler's passes for one article: <see cref="Published"/> completes, with the (fake) time
/// it was published at, when a pass publishes it, and fails after ten seconds so that a broken scheduler cannot hang a test.
/// </summary>
internal sealed class PublicationWatch : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly ArticleScheduler scheduler;
    private readonly TimeProvider clock;
    private readonly long articleId;
    private readonly TaskCompletionSource<DateTimeOffset> published = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource pass = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PublicationWatch(IServiceProvider services, long articleId)
    {
        scheduler = services.GetRequiredService<ArticleScheduler>();
        clock = services.GetRequiredService<TimeProvider>();
        this.articleId = articleId;
        scheduler.Passed += OnPassed;
    }

    public Task<DateTimeOffset> Published => published.Task.WaitAsync(Patience);

    public bool IsPublished => published.Task.IsCompleted;

    /// <summary>Completes at the end of the first pass of the scheduler after this call, whatever it published.</summary>
    public Task NextPass() => Volatile.Read(ref pass).Task.WaitAsync(Patience);

    public void Dispose() => scheduler.Passed -= OnPassed;

    private void OnPassed(IReadOnlyList<long> ids)
    {
        if (ids.Contains(articleId))
        {
            published.TrySetResult(clock.GetUtcNow());
        }

        Interlocked.Exchange(ref pass, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }
}
