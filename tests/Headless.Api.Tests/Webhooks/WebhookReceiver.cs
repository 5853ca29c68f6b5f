using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Headless.Api.Tests.Webhooks;

/// <summary>
/// A webhook receiver on 127.0.0.1 (a real Kestrel server on a free port) that records every request. Each test takes
/// its own endpoint (a path of its own), which answers 200, or the statuses it was told to answer first, or waits.
/// </summary>
public sealed class WebhookReceiver : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, ReceiverEndpoint> endpoints = new(StringComparer.Ordinal);
    private WebApplication? app;

    public string BaseUrl { get; private set; } = "";

    /// <summary>A new endpoint with a URL of its own.</summary>
    public ReceiverEndpoint NewEndpoint()
    {
        var path = $"/hooks/{Guid.NewGuid():N}";
        var endpoint = new ReceiverEndpoint(BaseUrl + path);
        endpoints[path] = endpoint;
        return endpoint;
    }

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        app = builder.Build();
        app.Run(async context =>
        {
            if (!endpoints.TryGetValue(context.Request.Path.Value ?? "", out var endpoint))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            var status = await endpoint.AnswerAsync(context.RequestAborted);
            endpoint.Record(new ReceivedRequest(
                context.Request.Method,
                context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()),
                body,
                status));
            context.Response.StatusCode = status;
        });
        await app.StartAsync();
        BaseUrl = app.Urls.Single().TrimEnd('/');
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }
}

/// <summary>One endpoint of the receiver: what it was sent, and what it answers.</summary>
public sealed class ReceiverEndpoint(string url)
{
    private readonly ConcurrentQueue<int> plannedStatuses = new();
    private readonly List<ReceivedRequest> requests = [];
    private readonly SemaphoreSlim arrived = new(0);

    public string Url { get; } = url;

    /// <summary>How long to wait before answering (to test timeouts).</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.Zero;

    /// <summary>The status to answer once the planned ones are used up.</summary>
    public int DefaultStatus { get; set; } = StatusCodes.Status200OK;

    /// <summary>Answers the next <paramref name="times"/> requests with <paramref name="status"/>.</summary>
    public void FailNext(int times, int status = StatusCodes.Status500InternalServerError)
    {
        for (var i = 0; i < times; i++)
        {
            plannedStatuses.Enqueue(status);
        }
    }

    /// <summary>Every request so far, answered or not, in arrival order.</summary>
    public IReadOnlyList<ReceivedRequest> Requests
    {
        get
        {
            lock (requests)
            {
                return requests.ToList();
            }
        }
    }

    /// <summary>The requests answered with 2xx, in arrival order.</summary>
    public IReadOnlyList<ReceivedRequest> Delivered => Requests.Where(r => r.Status is >= 200 and < 300).ToList();

    /// <summary>Waits until <paramref name="count"/> requests that <paramref name="which"/> picks were answered with 2xx (at most 20 seconds), and answers those.</summary>
    public Task<IReadOnlyList<ReceivedRequest>> WaitForDeliveredAsync(int count, Func<ReceivedRequest, bool>? which = null) =>
        WaitAsync(() => Delivered.Where(which ?? (_ => true)).ToList(), count);

    /// <summary>Waits until <paramref name="count"/> requests that <paramref name="which"/> picks arrived, however they were answered (at most 20 seconds).</summary>
    public Task<IReadOnlyList<ReceivedRequest>> WaitForRequestsAsync(int count, Func<ReceivedRequest, bool>? which = null) =>
        WaitAsync(() => Requests.Where(which ?? (_ => true)).ToList(), count);

    internal async Task<int> AnswerAsync(CancellationToken ct)
    {
        if (Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(Delay, ct);
            }
            catch (OperationCanceledException)
            {
                // The sender gave up; still recorded below.
            }
        }

        return plannedStatuses.TryDequeue(out var status) ? status : DefaultStatus;
    }

    internal void Record(ReceivedRequest request)
    {
        lock (requests)
        {
            requests.Add(request);
        }

        arrived.Release();
    }

    private async Task<IReadOnlyList<ReceivedRequest>> WaitAsync(Func<IReadOnlyList<ReceivedRequest>> read, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var current = read();
            if (current.Count >= count)
            {
                return current;
            }

            var left = deadline - DateTime.UtcNow;
            Assert.True(left > TimeSpan.Zero, $"Expected {count} request(s) at {Url} within 20 s; got {current.Count}: {string.Join(", ", current.Select(r => $"{r.Type}/{r.Status}"))}");
            await arrived.WaitAsync(left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200));
        }
    }
}

/// <summary>A request the receiver got, with how it answered.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Headers">Its headers, with lowercase names.</param>
/// <param name="Body">The raw body.</param>
/// <param name="Status">The status the receiver answered.</param>
public sealed record ReceivedRequest(string Method, IReadOnlyDictionary<string, string> Headers, string Body, int Status)
{
    public JsonNode Json => JsonNode.Parse(Body)!;

    public string Type => Json["type"]!.GetValue<string>();

    public long Seq => Json["seq"]!.GetValue<long>();

    public JsonNode Data => Json["data"]!;

    /// <summary>True when this is an event about that resource (<c>article</c> and its id, say).</summary>
    public bool IsAbout(string kind, long id) => Type.StartsWith(kind + ".", StringComparison.Ordinal) && Data["id"]!.GetValue<long>() == id;

    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : throw new InvalidOperationException($"No {name} header.");
}
