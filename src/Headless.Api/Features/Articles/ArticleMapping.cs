using Headless.Api.Features.Tags;

namespace Headless.Api.Features.Articles;

/// <summary>Rows to responses, by hand.</summary>
public static class ArticleMapping
{
    public static ArticleStatus ParseStatus(string status) => status switch
    {
        "draft" => ArticleStatus.Draft,
        "scheduled" => ArticleStatus.Scheduled,
        "published" => ArticleStatus.Published,
        "archived" => ArticleStatus.Archived,
        _ => throw new InvalidOperationException($"Unknown article status '{status}' in the database."),
    };

    public static string ToStorage(this ArticleStatus status) => status switch
    {
        ArticleStatus.Draft => "draft",
        ArticleStatus.Scheduled => "scheduled",
        ArticleStatus.Published => "published",
        ArticleStatus.Archived => "archived",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static SyndicationRights ParseSyndication(string rights) => rights switch
    {
        "full" => SyndicationRights.Full,
        "excerpt" => SyndicationRights.Excerpt,
        "none" => SyndicationRights.None,
        _ => throw new ArgumentOutOfRangeException(nameof(rights), rights, null),
    };

    public static string ToText(this SyndicationRights rights) => rights switch
    {
        SyndicationRights.Full => "full",
        SyndicationRights.Excerpt => "excerpt",
        SyndicationRights.None => "none",
        _ => throw new ArgumentOutOfRangeException(nameof(rights), rights, null),
    };

    public static ArticleResponse ToResponse(this ArticleRow row, IEnumerable<TagSummary> tags, IEnumerable<CorrectionResponse> corrections, BodyFormats formats) => new(
        row.Id,
        row.Slug,
        row.Headline,
        row.Dek,
        new ArticleBodyResponse(
            formats.HasFlag(BodyFormats.Html) ? row.BodyHtml : null,
            formats.HasFlag(BodyFormats.Text) ? row.BodyText : null,
            formats.HasFlag(BodyFormats.Markdown) ? row.BodyMarkdown : null),
        row.Excerpt,
        row.Section,
        row.Byline,
        row.Language,
        row.CanonicalUrl,
        row.FeaturedImageUrl is null ? null : new FeaturedImage(row.FeaturedImageUrl, row.FeaturedImageAlt, row.FeaturedImageCaption, row.FeaturedImageCredit),
        ParseStatus(row.Status),
        row.PublishedAt,
        row.ScheduledAt,
        row.ExpiresAt,
        ParseSyndication(row.Syndication),
        row.SubstantiveUpdateAt,
        row.CreatedAt,
        row.UpdatedAt,
        row.Version,
        row.WordCount,
        ArticleBodyRenderer.ReadingTimeMinutes(row.WordCount),
        tags.ToList(),
        corrections.ToList());
}
