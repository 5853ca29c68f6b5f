using FluentValidation;
using Headless.Api.Common.Http;
using Headless.Api.Common.Text;

namespace Headless.Api.Features.Tags;

public sealed class TagRequestValidator : AbstractValidator<TagRequest>
{
    public TagRequestValidator()
    {
        RuleFor(x => x.Name).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("'name' is required.").MaximumLength(100);
        RuleFor(x => x.Slug!).Must(Slugs.IsValid).When(x => x.Slug is not null)
            .WithMessage($"'slug' must be lowercase a-z, 0-9 and single hyphens, at most {Slugs.MaxLength} characters.");
        RuleFor(x => x.Slug).NotNull().When(x => x.Name is not null && Slugs.From(x.Name).Length == 0)
            .WithMessage("'slug' is needed: no slug can be made from this name.");
        RuleFor(x => x.Description).MaximumLength(1000);
    }
}

public sealed class ListTagsQueryValidator : AbstractValidator<ListTagsQuery>
{
    public ListTagsQueryValidator()
    {
        Include(new PagedQueryValidator());
        RuleFor(x => x.Sort).Must(s => s is null or "name" or "-articleCount" or "articleCount").WithMessage("'sort' must be name, -articleCount or articleCount.");
    }
}
