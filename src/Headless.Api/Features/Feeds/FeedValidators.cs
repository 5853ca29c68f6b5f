using FluentValidation;
using Headless.Api.Common.Text;

namespace Headless.Api.Features.Feeds;

public sealed class FeedQueryValidator : AbstractValidator<FeedQuery>
{
    public FeedQueryValidator()
    {
        RuleFor(x => x.Tag).Must(t => t is null || t.Length <= FeedsEndpoints.MaxTags)
            .WithMessage($"At most {FeedsEndpoints.MaxTags} tags.");
        RuleForEach(x => x.Tag).Must(Slugs.IsValid).WithMessage("Each tag must be a tag slug.");
        RuleFor(x => x.Section).Must(s => !string.IsNullOrWhiteSpace(s)).When(x => x.Section is not null)
            .WithMessage("'section' must not be empty.").MaximumLength(100);
        RuleFor(x => x.Limit).InclusiveBetween(1, FeedsEndpoints.MaxLimit);
    }
}
