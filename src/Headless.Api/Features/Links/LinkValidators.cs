using FluentValidation;
using Headless.Api.Common.Http;
using Headless.Api.Common.Text;

namespace Headless.Api.Features.Links;

public sealed class LinkRequestValidator : AbstractValidator<LinkRequest>
{
    public LinkRequestValidator()
    {
        RuleFor(x => x.Kind).NotNull().IsInEnum();
        RuleFor(x => x.Title).MaximumLength(300);
        RuleFor(x => x.Title).Must(t => !string.IsNullOrWhiteSpace(t)).When(x => x.Url is not null)
            .WithMessage("'title' is required when 'url' is given.");
        RuleFor(x => x.Url!).Must(Urls.IsAbsoluteHttpOrSiteRelative).When(x => x.Url is not null)
            .WithMessage("'url' must be an absolute http or https URL or a site-relative one starting with /.");
        RuleFor(x => x.TargetArticleId).GreaterThan(0);
        RuleFor(x => x.Url).Null().When(x => x.TargetArticleId is not null)
            .WithMessage("Give either 'url' or 'targetArticleId', not both.");
        RuleFor(x => x.Url).NotNull().When(x => x.TargetArticleId is null)
            .WithMessage("Give either 'url' or 'targetArticleId'.");
        RuleFor(x => x.Position).InclusiveBetween(1, 10_000);
        RuleFor(x => x.AfterParagraph).NotNull().InclusiveBetween(0, 100_000).When(x => x.Kind == LinkKind.Inline)
            .WithMessage("'afterParagraph' is required for inline links: how many body paragraphs come before the link (0 or more).");
        RuleFor(x => x.AfterParagraph).Null().When(x => x.Kind is not null and not LinkKind.Inline)
            .WithMessage("'afterParagraph' is only for inline links.");
    }
}

public sealed class ListArticleLinksQueryValidator : AbstractValidator<ListArticleLinksQuery>
{
    public ListArticleLinksQueryValidator()
    {
        RuleFor(x => x.Kind).Must(k => k is null or "inline" or "related" or "more").WithMessage("'kind' must be inline, related or more.");
        Include(new PagedQueryValidator());
    }
}
