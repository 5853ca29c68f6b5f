using FluentValidation;
using Headless.Api.Common.Http;
using Headless.Api.Common.Text;

namespace Headless.Api.Features.Search;

public sealed class SearchQueryValidator : AbstractValidator<SearchQuery>
{
    public SearchQueryValidator()
    {
        Include(new PagedQueryValidator());
        RuleFor(x => x.Q).Custom(SearchQueryRules.Expression);
        RuleFor(x => x.Type).Must(t => SearchQueryRules.TryParseTypes(t, out _, out _))
            .WithMessage("'type' is a comma-separated list of: article, quote.");
        RuleForEach(x => x.Tag).Must(Slugs.IsValid).WithMessage("Each tag must be a tag slug.");
        RuleFor(x => x.Section).MaximumLength(100);
        RuleFor(x => x.Facets).Must(f => SearchQueryRules.TryParseFacets(f, out _, out _))
            .WithMessage("'facets' is a comma-separated list of: tag, section.");
        RuleFor(x => x.PublishedBefore).GreaterThan(x => x.PublishedAfter)
            .When(x => x.PublishedAfter is not null && x.PublishedBefore is not null)
            .WithMessage("'publishedBefore' must be later than 'publishedAfter'.");
    }
}

public sealed class SuggestQueryValidator : AbstractValidator<SuggestQuery>
{
    public const int MaxLength = 100;

    public SuggestQueryValidator()
    {
        RuleFor(x => x.Q).Custom((q, context) =>
        {
            if (string.IsNullOrWhiteSpace(q))
            {
                context.AddFailure("q", "Give the start of a word to complete.");
            }
            else if (q.Length > MaxLength)
            {
                context.AddFailure("q", $"'q' is {q.Length} characters long; at most {MaxLength} are allowed.");
            }
            else if (SearchExpression.PrefixMatch(q) is null)
            {
                context.AddFailure("q", "'q' has no letters or numbers to complete.");
            }
        });
        RuleFor(x => x.Limit).InclusiveBetween(1, SearchEndpoints.MaxSuggestions);
    }
}

/// <summary>The rules shared by search and by <c>q=</c> on lists.</summary>
public static class SearchQueryRules
{
    /// <summary>Adds the parser's explanation as the error of <c>q</c> when it cannot be searched.</summary>
    public static void Expression<T>(string? q, ValidationContext<T> context)
    {
        if (!SearchExpression.TryParse(q, out _, out var error))
        {
            context.AddFailure("q", error!);
        }
    }

    /// <summary>For lists, where <c>q</c> is optional: an absent or empty one means no search.</summary>
    public static void OptionalExpression<T>(string? q, ValidationContext<T> context)
    {
        if (!string.IsNullOrWhiteSpace(q))
        {
            Expression(q, context);
        }
    }

    public static bool TryParseTypes(string? text, out bool articles, out bool quotes)
    {
        var ok = TryParseList(text, ["article", "quote"], out var types);
        articles = text is null || types.Contains("article");
        quotes = text is null || types.Contains("quote");
        return ok;
    }

    public static bool TryParseFacets(string? text, out bool tags, out bool sections)
    {
        var ok = TryParseList(text, ["tag", "section"], out var facets);
        tags = facets.Contains("tag");
        sections = facets.Contains("section");
        return ok;
    }

    /// <summary>A comma-separated list of some of <paramref name="allowed"/>; false when it names anything else.</summary>
    private static bool TryParseList(string? text, string[] allowed, out HashSet<string> values)
    {
        values = (text ?? "").Split(',', StringSplitOptions.TrimEntries).Where(v => text is not null).ToHashSet(StringComparer.Ordinal);
        return values.All(allowed.Contains);
    }
}
