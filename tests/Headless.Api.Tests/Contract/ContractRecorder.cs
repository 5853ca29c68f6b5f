using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Headless.Api.Tests.Infrastructure;

namespace Headless.Api.Tests.Contract;

/// <summary>
/// Sees every exchange of the contract clients: finds the spec operation each request answers to, checks the response
/// against it (<see cref="ContractSpec.Check"/>) and the key's role against the operation's <c>x-roles</c>, and keeps
/// which operations answered a success and which a failure, for the coverage check.
/// </summary>
public sealed class ContractRecorder(ContractSpec spec)
{
    private readonly ConcurrentQueue<string> violations = new();
    private readonly ConcurrentDictionary<string, ConcurrentBag<int>> statuses = new(StringComparer.Ordinal);

    public ContractSpec Spec { get; } = spec;

    public IReadOnlyCollection<string> Violations => violations;

    /// <summary>The statuses each operation answered, by operation name (<c>GET /v1/articles/{id}</c>).</summary>
    public IReadOnlyDictionary<string, int[]> Statuses => statuses.ToDictionary(s => s.Key, s => s.Value.Order().ToArray());

    /// <summary>Operations of the spec that answered no 2xx.</summary>
    public List<string> WithoutSuccess() =>
        Spec.Operations.Select(o => o.Name).Where(name => !statuses.TryGetValue(name, out var seen) || !seen.Any(s => s is >= 200 and < 300)).ToList();

    /// <summary>Operations of the spec that answered no 4xx.</summary>
    public List<string> WithoutFailure() =>
        Spec.Operations.Select(o => o.Name).Where(name => !statuses.TryGetValue(name, out var seen) || !seen.Any(s => s is >= 400 and < 500)).ToList();

    /// <summary>
    /// A client whose exchanges are checked: with the key of <paramref name="role"/> in <c>X-Api-Key</c>, or none when
    /// <paramref name="role"/> is null.
    /// </summary>
    public HttpClient Client(ApiFactory factory, string? role, string? key)
    {
        var client = factory.CreateDefaultClient(new Handler(this, role ?? "anonymous"));
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        return client;
    }

    private async Task Observe(HttpRequestMessage request, HttpResponseMessage response, string role)
    {
        var path = request.RequestUri!.AbsolutePath;
        var operation = Spec.Find(request.Method.Method, path);
        if (operation is null)
        {
            violations.Enqueue($"{request.Method} {path}: no operation of the spec answers to this request (→ {(int)response.StatusCode})");
            return;
        }

        var status = (int)response.StatusCode;
        statuses.GetOrAdd(operation.Name, _ => []).Add(status);
        await response.Content.LoadIntoBufferAsync();
        var body = await response.Content.ReadAsStringAsync();
        MediaTypeHeaderValue? contentType = response.Content.Headers.ContentType;
        foreach (var violation in Spec.Check(operation, response.StatusCode, contentType?.MediaType, body, ContractSpec.SparseFieldsetOf(operation, request.RequestUri)))
        {
            violations.Enqueue($"{violation}   [request: {request.Method} {request.RequestUri.PathAndQuery} as {role}]");
        }

        if (status is >= 200 and < 300 && operation.Roles.Count > 0 && !operation.Roles.Contains(role))
        {
            violations.Enqueue($"{operation.Name} → {status}: answered a {role} request, but x-roles names only {string.Join(", ", operation.Roles)}");
        }
    }

    private sealed class Handler(ContractRecorder recorder, string role) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            await recorder.Observe(request, response, role);
            return response;
        }
    }
}
