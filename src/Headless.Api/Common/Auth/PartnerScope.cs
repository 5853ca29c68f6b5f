using System.Security.Claims;

namespace Headless.Api.Common.Auth;

/// <summary>
/// What part of the content a partner key is limited to: articles with any of <see cref="Tags"/> (when there are any)
/// and in one of <see cref="Sections"/> (when there are any). Keys of other roles, and partner keys without limits,
/// see everything. Partner-facing outputs (feeds, the change feed, webhooks) apply it with <see cref="Sql"/>.
/// </summary>
public sealed record PartnerScope(IReadOnlyList<string> Tags, IReadOnlyList<string> Sections)
{
    public static readonly PartnerScope Everything = new([], []);

    /// <summary>
    /// The condition over the alias <c>a</c> of articles, with the parameters of <see cref="Parameters"/>:
    /// <c>@scopeTags</c>, <c>@scopeTagCount</c>, <c>@scopeSections</c>, <c>@scopeSectionCount</c>.
    /// </summary>
    public const string Sql = """
        (@scopeTagCount = 0 OR a.id IN (
            SELECT at.article_id FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE t.slug IN @scopeTags))
        AND (@scopeSectionCount = 0 OR a.section IN @scopeSections)
        """;

    public bool IsLimited => Tags.Count > 0 || Sections.Count > 0;

    /// <summary>The scope of the caller: its partner key's limits, or everything.</summary>
    public static PartnerScope Of(ClaimsPrincipal user) => user.IsInRole(Roles.Partner)
        ? new(user.FindAll(KeyClaims.ScopeTag).Select(c => c.Value).ToList(), user.FindAll(KeyClaims.ScopeSection).Select(c => c.Value).ToList())
        : Everything;

    /// <summary>The parameters <see cref="Sql"/> reads (Dapper expands the lists).</summary>
    public object Parameters() => new
    {
        scopeTags = Tags,
        scopeTagCount = Tags.Count,
        scopeSections = Sections,
        scopeSectionCount = Sections.Count,
    };

    /// <summary>True when an article with these tag slugs and section is inside the scope.</summary>
    public bool Allows(IEnumerable<string> tagSlugs, string? section) =>
        (Tags.Count == 0 || tagSlugs.Any(Tags.Contains)) && (Sections.Count == 0 || (section is not null && Sections.Contains(section)));
}
