using System.Globalization;
using System.Text;

namespace Headless.Api.Features.Search;

/// <summary>
/// Turns what a reader types into an FTS5 query that cannot fail. The syntax readers know from web search:
/// words (all must match; words of 4 or more letters also match as prefixes, so <c>sovereign</c> finds
/// <c>sovereignty</c>), <c>"a phrase"</c>, <c>-word</c> or <c>-"a phrase"</c> to exclude, <c>OR</c> between two
/// words, and <c>word*</c> for an explicit prefix. Everything else is text: each word or phrase becomes an FTS5
/// string, so FTS5 operators, column filters, brackets and stray quotes typed by a user are searched literally
/// (their punctuation is dropped by the tokenizer) and never reach the FTS5 parser as syntax.
/// </summary>
public sealed class SearchExpression
{
    public const int MaxLength = 500;
    public const int MaxTerms = 32;

    /// <summary>Bare words at least this long also match longer words they start (sovereign, sovereignty).</summary>
    public const int ImplicitPrefixLength = 4;

    private readonly IReadOnlyList<IReadOnlyList<Item>> groups;
    private readonly IReadOnlyList<Item> excluded;

    private SearchExpression(IReadOnlyList<IReadOnlyList<Item>> groups, IReadOnlyList<Item> excluded)
    {
        this.groups = groups;
        this.excluded = excluded;
        Match = Build(groups, excluded);
    }

    /// <summary>The FTS5 MATCH expression (only quoted strings, <c>*</c>, <c>AND</c>, <c>OR</c>, <c>NOT</c> and brackets).</summary>
    public string Match { get; }

    /// <summary>The bare words that also match longer words they start (4 or more letters, no <c>*</c> typed).</summary>
    public IReadOnlyList<string> ExpandedWords => groups.SelectMany(g => g).Where(i => i.Prefix && !i.ExplicitPrefix).Select(i => i.Text).Distinct().ToList();

    /// <summary>The FTS5 MATCH expression of a word on its own, without its expansion.</summary>
    public static string ExactWord(string word) => Fts(new Item(word, Phrase: false, Prefix: false, Excluded: false));

    /// <summary>
    /// The same search with these words matched as themselves only. Expanding a word that already matches more than
    /// the rank window adds nothing to the ranked results but a merge of every longer word's postings (see SearchStore).
    /// </summary>
    public SearchExpression WithoutExpanding(IReadOnlyCollection<string> words) => words.Count == 0
        ? this
        : new SearchExpression(
            groups.Select(g => (IReadOnlyList<Item>)g.Select(i => i.Prefix && !i.ExplicitPrefix && words.Contains(i.Text) ? i with { Prefix = false } : i).ToList()).ToList(),
            excluded);

    private sealed record Item(string Text, bool Phrase, bool Prefix, bool Excluded, bool ExplicitPrefix = false);

    /// <summary>Parses <paramref name="input"/>; on failure <paramref name="error"/> says why, in words a reader understands.</summary>
    public static bool TryParse(string? input, out SearchExpression? expression, out string? error)
    {
        expression = null;
        error = null;
        if (string.IsNullOrWhiteSpace(input))
        {
            error = "Give something to search for.";
            return false;
        }

        if (input.Length > MaxLength)
        {
            error = $"The search is {input.Length} characters long; at most {MaxLength} are allowed.";
            return false;
        }

        var groups = new List<IReadOnlyList<Item>>();
        var excluded = new List<Item>();
        var orPending = false;
        var count = 0;
        foreach (var (item, isOr) in Tokens(Clean(input)))
        {
            if (isOr)
            {
                orPending = groups.Count > 0;
                continue;
            }

            if (!HasTokenCharacters(item!.Text))
            {
                // Only punctuation or symbols (*, (, NEAR(, ...): nothing the index holds, so nothing to match.
                continue;
            }

            if (++count > MaxTerms)
            {
                error = $"The search has more than {MaxTerms} words and phrases; use fewer.";
                return false;
            }

            if (item.Excluded)
            {
                excluded.Add(item);
                orPending = false;
            }
            else if (orPending)
            {
                groups[^1] = [.. groups[^1], item];
                orPending = false;
            }
            else
            {
                groups.Add([item]);
            }
        }

        if (groups.Count == 0)
        {
            error = excluded.Count > 0
                ? "The search only excludes words (-word); add at least one word to search for."
                : "The search has no words or numbers to search for.";
            return false;
        }

        expression = new SearchExpression(groups, excluded);
        return true;
    }

    private static string Build(IReadOnlyList<IReadOnlyList<Item>> groups, IReadOnlyList<Item> excluded)
    {
        var match = new StringBuilder();
        foreach (var group in groups)
        {
            if (match.Length > 0)
            {
                match.Append(" AND ");
            }

            match.Append(group.Count == 1 ? Fts(group[0]) : $"({string.Join(" OR ", group.Select(Fts))})");
        }

        if (groups.Count > 1)
        {
            match.Insert(0, '(').Append(')');
        }

        foreach (var item in excluded)
        {
            match.Append(" NOT ").Append(Fts(item));
        }

        return match.ToString();
    }

    /// <summary>Parses input that validation has already accepted.</summary>
    public static SearchExpression Parse(string input) =>
        TryParse(input, out var expression, out var error) ? expression! : throw new ArgumentException(error, nameof(input));

    /// <summary>
    /// A prefix query over every word for type-ahead (<c>mexico sov</c> finds "Mexico's sovereignty"); null when
    /// the input has no word characters.
    /// </summary>
    public static string? PrefixMatch(string input)
    {
        var words = Clean(input).Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(word => new string(word.Where(c => c != '"').ToArray()))
            .Where(HasTokenCharacters)
            .Take(MaxTerms)
            .ToList();
        return words.Count == 0 ? null : string.Join(" AND ", words.Select(word => $"\"{word}\"*"));
    }

    private static string Fts(Item item)
    {
        // A string in double quotes is always a string (a phrase) to FTS5: the tokenizer splits it into words, and
        // nothing inside is an operator. Quotes never reach here (they delimit phrases), so no escaping is needed.
        var text = $"\"{item.Text}\"";
        return item.Prefix ? text + "*" : text;
    }

    /// <summary>Control characters (NUL included) become spaces: they are never content and confuse some clients' logs.</summary>
    private static string Clean(string input)
    {
        var builder = new StringBuilder(input.Length);
        foreach (var c in input)
        {
            builder.Append(char.IsControl(c) || char.IsWhiteSpace(c) ? ' ' : c);
        }

        return builder.ToString();
    }

    private static IEnumerable<(Item? Item, bool IsOr)> Tokens(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == ' ')
            {
                i++;
                continue;
            }

            var excluded = false;
            if (text[i] == '-' && i + 1 < text.Length && text[i + 1] != ' ')
            {
                excluded = true;
                i++;
            }

            if (text[i] == '"')
            {
                // A phrase runs to the closing quote, or to the end when there is none (a reader still typing).
                var end = text.IndexOf('"', i + 1);
                var phrase = end < 0 ? text[(i + 1)..] : text[(i + 1)..end];
                i = end < 0 ? text.Length : end + 1;
                yield return (new Item(phrase.Trim(), Phrase: true, Prefix: false, excluded), false);
                continue;
            }

            var start = i;
            while (i < text.Length && text[i] != ' ' && text[i] != '"')
            {
                i++;
            }

            var word = text[start..i];
            if (!excluded && word == "OR")
            {
                yield return (null, true);
                continue;
            }

            if (!excluded && word is "AND" or "+")
            {
                continue;
            }

            if (!excluded && word == "NOT")
            {
                // "NOT word" reads as "-word".
                while (i < text.Length && text[i] == ' ')
                {
                    i++;
                }

                if (i < text.Length && text[i] != '-')
                {
                    text = text[..i] + "-" + text[i..];
                }

                continue;
            }

            word = word.TrimStart('+');
            var explicitPrefix = word.EndsWith('*') && LetterCount(word.TrimEnd('*')) >= 2;
            var bare = word.TrimEnd('*');
            var singleWord = IsSingleWord(bare);
            var prefix = singleWord && (explicitPrefix || LetterCount(bare) >= ImplicitPrefixLength) && !excluded;
            yield return (new Item(bare, Phrase: !singleWord, prefix, excluded, explicitPrefix && prefix), false);
        }
    }

    /// <summary>True when the text holds a letter, digit or private-use character: what the unicode61 tokenizer indexes.</summary>
    private static bool HasTokenCharacters(string text) => LetterCount(text) > 0;

    private static int LetterCount(string text)
    {
        var count = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsTokenRune(rune))
            {
                count++;
            }
        }

        return count;
    }

    private static bool IsSingleWord(string text)
    {
        var started = false;
        var ended = false;
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsTokenRune(rune))
            {
                if (ended)
                {
                    return false;
                }

                started = true;
            }
            else if (started)
            {
                ended = true;
            }
        }

        return started;
    }

    private static bool IsTokenRune(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber
            or UnicodeCategory.PrivateUse => true,
        _ => false,
    };
}
