using FluentValidation;
using Headless.Api.Common.Http;
using Headless.Api.Common.Text;

namespace Headless.Api.Features.Keys;

public sealed class CreateKeyRequestValidator : AbstractValidator<CreateKeyRequest>
{
    public const int MaxScopes = 50;

    public CreateKeyRequestValidator()
    {
        RuleFor(x => x.Name).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("'name' is required.").MaximumLength(100);
        RuleFor(x => x.Role).NotNull().WithMessage("'role' is required: reader, partner, editor or admin.").IsInEnum();

        RuleFor(x => x.Tags).Must(t => t is null || t.Count == 0).When(x => x.Role is not KeyRole.Partner)
            .WithMessage("'tags' is only for partner keys.");
        RuleFor(x => x.Tags).Must(t => t is null || t.Distinct(StringComparer.Ordinal).Count() <= MaxScopes)
            .WithMessage($"'tags' may hold at most {MaxScopes} tags.");
        RuleForEach(x => x.Tags).Must(t => t is not null && Slugs.IsValid(t))
            .WithMessage("Each tag must be a slug: lowercase a-z, 0-9 and single hyphens.");

        RuleFor(x => x.Sections).Must(s => s is null || s.Count == 0).When(x => x.Role is not KeyRole.Partner)
            .WithMessage("'sections' is only for partner keys.");
        RuleFor(x => x.Sections).Must(s => s is null || s.Select(section => section?.Trim()).Distinct(StringComparer.Ordinal).Count() <= MaxScopes)
            .WithMessage($"'sections' may hold at most {MaxScopes} sections.");
        RuleForEach(x => x.Sections).Must(s => !string.IsNullOrWhiteSpace(s) && s.Trim().Length <= 100)
            .WithMessage("Each section must be a section name of 1 to 100 characters.");
    }
}

public sealed class ListKeysQueryValidator : AbstractValidator<ListKeysQuery>
{
    public ListKeysQueryValidator()
    {
        Include(new PagedQueryValidator());
    }
}
