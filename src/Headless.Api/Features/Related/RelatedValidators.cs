using FluentValidation;
using Headless.Api.Common.Http;

namespace Headless.Api.Features.Related;

public sealed class RelatedQueryValidator : AbstractValidator<RelatedQuery>
{
    public RelatedQueryValidator()
    {
        RuleFor(x => x.Limit).InclusiveBetween(1, RelatedEndpoints.MaxLimit);
    }
}

public sealed class ListBacklinksQueryValidator : AbstractValidator<ListBacklinksQuery>
{
    public ListBacklinksQueryValidator() => Include(new PagedQueryValidator());
}
