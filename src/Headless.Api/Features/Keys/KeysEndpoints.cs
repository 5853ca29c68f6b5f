using Headless.Api.Common.Auth;
using Headless.Api.Common.Http;
using Headless.Api.Common.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Headless.Api.Features.Keys;

public static class KeysEndpoints
{
    public static void MapKeys(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/keys").WithTags("Keys").RequireAuthorization(Policies.Admin);
        group.MapGet("/", ListKeys).WithName(nameof(ListKeys)).WithValidation<ListKeysQuery>();
        group.MapGet("/{id:long}", GetKey).WithName(nameof(GetKey));
        group.MapPost("/", CreateKey).WithName(nameof(CreateKey)).WithValidation<CreateKeyRequest>();
        group.MapDelete("/{id:long}", RevokeKey).WithName(nameof(RevokeKey));
    }

    /// <summary>Lists API keys, oldest first, without their secrets.</summary>
    /// <remarks>
    /// Revoked keys are listed too, with <c>revokedAt</c>. <c>prefix</c> is the start of each secret, to tell keys apart;
    /// <c>lastUsedAt</c> is written at most once a minute per key. Pages with <c>limit</c> and <c>cursor</c>. Needs an admin key.
    /// </remarks>
    public static async Task<Results<Ok<ListResponse<KeyResponse>>, ProblemHttpResult>> ListKeys(
        [AsParameters] ListKeysQuery query, KeyStore store, CursorCodec codec, CancellationToken ct)
    {
        if (!query.TryResolve(codec, "id", out var page, out var problem))
        {
            return problem!;
        }

        var rows = await store.ListAsync((long)page.Key(0, 0L), page.FetchLimit, ct);
        long? total = page.Count ? await store.CountAsync(ct) : null;
        return TypedResults.Ok(Paging.ToPage(rows, page, codec, "id", row => [row.Id], ToResponse, total));
    }

    /// <summary>Gets one API key by id, without its secret.</summary>
    /// <remarks>The secret is shown only once, when the key is created; this shows its prefix. Needs an admin key.</remarks>
    public static async Task<Results<Ok<KeyResponse>, NotFound>> GetKey(long id, KeyStore store, CancellationToken ct) =>
        await store.FindAsync(id, ct) is { } row ? TypedResults.Ok(ToResponse(row)) : TypedResults.NotFound();

    /// <summary>Creates an API key and answers its secret, once.</summary>
    /// <remarks>
    /// The answer's <c>secret</c> (<c>hl_</c> and 43 more characters) is shown only here: only a hash of it is stored, so a lost
    /// secret cannot be recovered; create a new key and revoke the old one. Send it in <c>X-Api-Key</c> or as
    /// <c>Authorization: Bearer</c>. <c>tags</c> and <c>sections</c> limit a partner key and are refused for other roles.
    /// Needs an admin key.
    /// </remarks>
    public static async Task<Created<CreatedKeyResponse>> CreateKey(CreateKeyRequest request, KeyStore store, HttpResponse response, CancellationToken ct)
    {
        var secret = ApiKeyTokens.NewSecret();
        var tags = (request.Tags ?? []).Distinct(StringComparer.Ordinal).ToList();
        var sections = (request.Sections ?? []).Select(s => s.Trim()).Distinct(StringComparer.Ordinal).ToList();
        var id = await store.CreateAsync(KeyWrite.ForSecret(secret, request.Name.Trim(), RoleName(request.Role!.Value), tags, sections), ct);
        var row = (await store.FindAsync(id, ct))!;
        // The secret must not be kept by caches on the way.
        response.Headers.CacheControl = "no-store";
        return TypedResults.Created($"/v1/keys/{id}", new CreatedKeyResponse(
            row.Id, row.Name, ToRole(row.Role), row.TagList, row.SectionList, row.TokenPrefix, secret, row.CreatedAt, row.UpdatedAt, row.Version));
    }

    /// <summary>Revokes an API key, at once.</summary>
    /// <remarks>
    /// From the next request on, the key answers 401. The key stays listed with <c>revokedAt</c>; revoking it again is also 204.
    /// No <c>If-Match</c> is needed or checked: revoking a leaked key must work in an emergency without reading it first.
    /// Needs an admin key.
    /// </remarks>
    public static async Task<Results<NoContent, NotFound>> RevokeKey(long id, KeyStore store, CancellationToken ct) =>
        await store.RevokeAsync(id, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    internal static string RoleName(KeyRole role) => role switch
    {
        KeyRole.Reader => Roles.Reader,
        KeyRole.Partner => Roles.Partner,
        KeyRole.Editor => Roles.Editor,
        KeyRole.Admin => Roles.Admin,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown role."),
    };

    private static KeyRole ToRole(string role) => role switch
    {
        Roles.Reader => KeyRole.Reader,
        Roles.Partner => KeyRole.Partner,
        Roles.Editor => KeyRole.Editor,
        Roles.Admin => KeyRole.Admin,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown role."),
    };

    private static KeyResponse ToResponse(KeyRow row) =>
        new(row.Id, row.Name, ToRole(row.Role), row.TagList, row.SectionList, row.TokenPrefix, row.CreatedAt, row.UpdatedAt, row.Version, row.LastUsedAt, row.RevokedAt);
}
