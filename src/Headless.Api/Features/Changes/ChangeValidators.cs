using FluentValidation;

namespace Headless.Api.Features.Changes;

public sealed class ChangesQueryValidator : AbstractValidator<ChangesQuery>
{
    public ChangesQueryValidator()
    {
        RuleFor(x => x.Since).MaximumLength(2048);
        RuleFor(x => x.Types).Must(t => ChangeKinds.TryParse(t, out _))
            .WithMessage("'types' is a comma-separated list of: article, tag, quote, link.");
        RuleFor(x => x.Limit).InclusiveBetween(1, ChangesEndpoints.MaxLimit);
    }
}

public static class ChangeKinds
{
    public static readonly IReadOnlyList<string> All = ["article", "tag", "quote", "link"];

    public static bool TryParse(string? text, out IReadOnlyList<string> kinds)
    {
        kinds = text is null ? All : text.Split(',', StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
        return kinds.All(All.Contains);
    }
}
