using System.Security.Claims;

namespace Headless.Api.Common.Auth;

/// <summary>Role names, from least to most trusted.</summary>
public static class Roles
{
    /// <summary>Published content, like anonymous callers, but identified.</summary>
    public const string Reader = "reader";

    /// <summary>Reader plus syndication (full text where rights allow, feeds, change feed), optionally limited to tags or sections.</summary>
    public const string Partner = "partner";

    /// <summary>Creates and edits content, publishes and schedules it; reads drafts.</summary>
    public const string Editor = "editor";

    /// <summary>Everything, including keys and webhooks.</summary>
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Reader, Partner, Editor, Admin];
}

/// <summary>Authorization policies used by endpoint groups; each names the roles it lets in.</summary>
public static class Policies
{
    /// <summary>Create, edit, publish and delete content: editor or admin.</summary>
    public const string Editor = "editor";

    /// <summary>Manage keys (and later webhooks): admin only.</summary>
    public const string Admin = "admin";

    /// <summary>Syndication: partner, editor or admin.</summary>
    public const string Partner = "partner";

    public static IReadOnlyList<string> RolesOf(string policy) => policy switch
    {
        Editor => [Roles.Editor, Roles.Admin],
        Admin => [Roles.Admin],
        Partner => [Roles.Partner, Roles.Editor, Roles.Admin],
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "Unknown policy."),
    };
}

/// <summary>Claim types the API key handler issues.</summary>
public static class KeyClaims
{
    /// <summary>The id of the key in the database; absent for the configuration admin key.</summary>
    public const string KeyId = "headless:key_id";

    /// <summary>A tag slug a partner key is limited to (one claim per tag).</summary>
    public const string ScopeTag = "headless:scope_tag";

    /// <summary>A section a partner key is limited to (one claim per section).</summary>
    public const string ScopeSection = "headless:scope_section";
}

/// <summary>Who made a change, as recorded in revisions: the key's id (null for the configuration admin key or the system) and name.</summary>
/// <param name="KeyId">The API key's id.</param>
/// <param name="Name">The API key's name, or "configuration admin key", or "scheduler".</param>
public sealed record Actor(long? KeyId, string Name)
{
    public static readonly Actor Scheduler = new(null, "scheduler");
    public static readonly Actor ConfigurationAdmin = new(null, "configuration admin key");
}

/// <summary>What the code asks of the caller of a request.</summary>
public static class Callers
{
    /// <summary>True when the caller may read drafts (editors and admins).</summary>
    public static bool CanReadDrafts(this ClaimsPrincipal user) => user.IsInRole(Roles.Editor) || user.IsInRole(Roles.Admin);

    /// <summary>Who the caller is, for revisions and audit.</summary>
    public static Actor Actor(this ClaimsPrincipal user) =>
        user.FindFirst(KeyClaims.KeyId)?.Value is { } id && long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var keyId)
            ? new Actor(keyId, user.Identity?.Name ?? "key " + id)
            : Auth.Actor.ConfigurationAdmin;
}
