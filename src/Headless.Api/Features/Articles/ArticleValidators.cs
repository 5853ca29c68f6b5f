using System.Text;
using FluentValidation;
using Headless.Api.Common.Http;
using Headless.Api.Common.Text;

using Headless.Api.Features.Search;

namespace Headless.Api.Features.Articles;

/// <summary>The rules of the fields editors write, shared by create, replace and patch.</summary>
public sealed class ArticleFieldsValidator : AbstractValidator<IArticleFields>
{
    public const int MaxBodyBytes = 1024 * 1024;
    public const int MaxTags = 20;

    public ArticleFieldsValidator()
    {
        RuleFor(x => x.Headline).Must(h => !string.IsNullOrWhiteSpace(h)).WithMessage("'headline' is required.").MaximumLength(300);
        RuleFor(x => x.Slug!).Must(Slugs.IsValid).When(x => x.Slug is not null)
            .WithMessage($"'slug' must be lowercase a-z, 0-9 and single hyphens, at most {Slugs.MaxLength} characters.");
        RuleFor(x => x.Dek).MaximumLength(1000);
        RuleFor(x => x.Body!).Must(b => Encoding.UTF8.GetByteCount(b) <= MaxBodyBytes).When(x => x.Body is not null)
            .WithMessage("'body' must be at most 1 MB of UTF-8 text.");
        RuleFor(x => x.Excerpt).MaximumLength(1000);
        RuleFor(x => x.Section).MaximumLength(100);
        RuleFor(x => x.Byline).MaximumLength(200);
        RuleFor(x => x.Language!).Must(Urls.IsLanguageTag).When(x => x.Language is not null)
            .WithMessage("'language' must be a BCP 47 language tag such as en, es-MX or pt-BR.");
        RuleFor(x => x.CanonicalUrl!).Must(Urls.IsAbsoluteHttp).When(x => x.CanonicalUrl is not null)
            .WithMessage("'canonicalUrl' must be an absolute http or https URL.");
        RuleFor(x => x.FeaturedImage!).SetValidator(new FeaturedImageValidator()).When(x => x.FeaturedImage is not null);
        RuleFor(x => x.Tags!.Distinct(StringComparer.Ordinal).Count()).LessThanOrEqualTo(MaxTags).When(x => x.Tags is not null).OverridePropertyName("tags")
            .WithMessage($"'tags' may hold at most {MaxTags} tags.");
        RuleForEach(x => x.Tags).Must(Slugs.IsValid)
            .WithMessage("Each tag must be a slug: lowercase a-z, 0-9 and single hyphens.");
    }
}

public sealed class CreateArticleRequestValidator : AbstractValidator<CreateArticleRequest>
{
    public CreateArticleRequestValidator(TimeProvider clock)
    {
        Include(new ArticleFieldsValidator());
        RuleFor(x => x.Status).Must(s => s is null or ArticleStatus.Draft or ArticleStatus.Published)
            .WithMessage("'status' on create must be draft or published; schedule or archive it afterwards.");
        RuleFor(x => x.PublishedAt).Must(p => p <= clock.GetUtcNow().AddMinutes(1)).When(x => x.PublishedAt is not null)
            .WithMessage("'publishedAt' must not be in the future; to publish later, create a draft and schedule it.");
        RuleFor(x => x.PublishedAt).Null().When(x => x.Status is not ArticleStatus.Published)
            .WithMessage("'publishedAt' is only for articles created with status published.");
    }
}

public sealed class UpdateArticleRequestValidator : AbstractValidator<UpdateArticleRequest>
{
    public UpdateArticleRequestValidator() => Include(new ArticleFieldsValidator());
}

public sealed class ScheduleRequestValidator : AbstractValidator<ScheduleRequest>
{
    public ScheduleRequestValidator(TimeProvider clock)
    {
        RuleFor(x => x.PublishAt).NotNull().WithMessage("'publishAt' is required.")
            .Must(p => p > clock.GetUtcNow()).WithMessage("'publishAt' must be in the future.");
    }
}

public sealed class CorrectionRequestValidator : AbstractValidator<CorrectionRequest>
{
    public CorrectionRequestValidator()
    {
        RuleFor(x => x.Note).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("'note' is required.").MaximumLength(2000);
    }
}

public sealed class FeaturedImageValidator : AbstractValidator<FeaturedImage>
{
    public FeaturedImageValidator()
    {
        RuleFor(x => x.Url).NotEmpty().MaximumLength(2048).Must(Urls.IsAbsoluteHttpOrSiteRelative)
            .WithMessage("'url' must be an absolute http or https URL or a site-relative one starting with /.");
        RuleFor(x => x.Alt).MaximumLength(500);
        RuleFor(x => x.Caption).MaximumLength(1000);
        RuleFor(x => x.Credit).MaximumLength(200);
    }
}

public sealed class ListArticlesQueryValidator : AbstractValidator<ListArticlesQuery>
{
    public ListArticlesQueryValidator()
    {
        Include(new PagedQueryValidator());
        RuleFor(x => x.Q).Custom(SearchQueryRules.OptionalExpression);
        RuleForEach(x => x.Tag).Must(Slugs.IsValid).WithMessage("Each 'tag' must be a tag slug.");
        RuleForEach(x => x.TagAll).Must(Slugs.IsValid).WithMessage("Each 'tagAll' must be a tag slug.");
        RuleFor(x => x.Tag!.Length).LessThanOrEqualTo(20).When(x => x.Tag is not null).OverridePropertyName("tag").WithMessage("At most 20 'tag' values.");
        RuleFor(x => x.TagAll!.Length).LessThanOrEqualTo(20).When(x => x.TagAll is not null).OverridePropertyName("tagAll").WithMessage("At most 20 'tagAll' values.");
        RuleFor(x => x.Section).MaximumLength(100);
        RuleFor(x => x.Byline).MaximumLength(200);
        RuleFor(x => x.Language!).Must(Urls.IsLanguageTag).When(x => x.Language is not null).WithMessage("'language' must be a BCP 47 language tag.");
        RuleFor(x => x.Sort).Must(s => s is null || ArticleSort.Names.Contains(s))
            .WithMessage($"'sort' must be one of {string.Join(", ", ArticleSort.Names)}.");
        RuleFor(x => x.Include).Must(i => ArticleReadOptions.TryParseIncludes(i, out _))
            .WithMessage($"'include' must be a comma-separated list of {ArticleReadOptions.AllowedIncludes}.");
        RuleFor(x => x.Fields).Must(f => ArticleReadOptions.TryParseFields(f, out _))
            .WithMessage("'fields' must be a comma-separated list of article fields: " + string.Join(", ", ArticleReadOptions.Fields) + ".");
        RuleFor(x => x.Status).Must(s => s is null or "published" or "draft" or "scheduled" or "archived" or "any")
            .WithMessage("'status' must be published, draft, scheduled, archived or any.");
        RuleFor(x => x.Formats).Must(f => BodyFormatsParser.TryParse(f, out _))
            .WithMessage($"'formats' must be a comma-separated list of {BodyFormatsParser.Allowed}.");
    }
}

public sealed class ListRevisionsQueryValidator : AbstractValidator<ListRevisionsQuery>
{
    public ListRevisionsQueryValidator() => Include(new PagedQueryValidator());
}

public sealed class ReadArticleQueryValidator : AbstractValidator<ReadArticleQuery>
{
    public ReadArticleQueryValidator()
    {
        RuleFor(x => x.Include).Must(i => ArticleReadOptions.TryParseIncludes(i, out _))
            .WithMessage($"'include' must be a comma-separated list of {ArticleReadOptions.AllowedIncludes}.");
        RuleFor(x => x.Fields).Must(f => ArticleReadOptions.TryParseFields(f, out _))
            .WithMessage("'fields' must be a comma-separated list of article fields: " + string.Join(", ", ArticleReadOptions.Fields) + ".");
        RuleFor(x => x.Formats).Must(f => BodyFormatsParser.TryParse(f, out _))
            .WithMessage($"'formats' must be a comma-separated list of {BodyFormatsParser.Allowed}.");
    }
}
