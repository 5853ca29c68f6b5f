using FluentValidation;
using Headless.Api.Common.Http;
using Headless.Api.Common.Text;
using Headless.Api.Features.Search;

namespace Headless.Api.Features.Quotes;

public sealed class QuoteRequestValidator : AbstractValidator<QuoteRequest>
{
    public QuoteRequestValidator()
    {
        RuleFor(x => x.Text).Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage("'text' is required.").MaximumLength(5000);
        RuleFor(x => x.Speaker).Must(s => !string.IsNullOrWhiteSpace(s)).WithMessage("'speaker' is required.").MaximumLength(200);
        RuleFor(x => x.SpeakerRole).MaximumLength(200);
        RuleFor(x => x.Context).MaximumLength(1000);
        RuleFor(x => x.Position).InclusiveBetween(1, 10_000);
    }
}

public sealed class ListQuotesQueryValidator : AbstractValidator<ListQuotesQuery>
{
    public ListQuotesQueryValidator()
    {
        Include(new PagedQueryValidator());
        RuleFor(x => x.Q).Custom(SearchQueryRules.OptionalExpression);
        RuleFor(x => x.Speaker).MaximumLength(200);
        RuleFor(x => x.ArticleId).GreaterThan(0);
        RuleForEach(x => x.Tag).Must(Slugs.IsValid).WithMessage("Each tag must be a tag slug.");
    }
}

public sealed class ListArticleQuotesQueryValidator : AbstractValidator<ListArticleQuotesQuery>
{
    public ListArticleQuotesQueryValidator()
    {
        Include(new PagedQueryValidator());
    }
}
