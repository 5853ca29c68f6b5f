using System.Text;
using Headless.Api.Common.Text;
using Headless.Api.Features.Articles;
using static Headless.Api.Features.Synthetic.SyntheticWords;

namespace Headless.Api.Features.Synthetic;

internal sealed record SyntheticTag(string Slug, string Name, string? Description);

internal sealed record SyntheticQuote(string Text, string Speaker, string SpeakerRole, string? Context);

/// <summary>A link to another synthetic article (<see cref="TargetId"/>) or to a site-relative URL with a title.</summary>
internal sealed record SyntheticLink(string Kind, string? Title, string? Url, long? TargetId, int? AfterParagraph);

/// <summary>One generated article with its body already in every stored form.</summary>
internal sealed class SyntheticArticle
{
    public required long Id { get; init; }
    public required string Slug { get; init; }
    public required string Headline { get; init; }
    public string? Dek { get; init; }
    public required string BodyMarkdown { get; init; }
    public required string BodyHtml { get; init; }
    public required string BodyText { get; init; }
    public required string Excerpt { get; init; }
    public required int WordCount { get; init; }
    public required string Section { get; init; }
    public required string Byline { get; init; }
    public required string Language { get; init; }
    public string? ImageUrl { get; init; }
    public string? ImageAlt { get; init; }
    public string? ImageCaption { get; init; }
    public string? ImageCredit { get; init; }
    public required DateTimeOffset PublishedAt { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public required IReadOnlyList<int> TagIndexes { get; init; }
    public required IReadOnlyList<SyntheticQuote> Quotes { get; init; }
    public required IReadOnlyList<SyntheticLink> Links { get; init; }
}

/// <summary>
/// Makes realistic-looking articles from a seeded <see cref="Random"/>: the same seed, count and clock give the same
/// content. Call <see cref="Create"/> with ids 1, 2, 3… in order: links only point back at ids already made.
/// The body's HTML, text, excerpt and word count are written here as Markdig, HtmlSanitizer and
/// <see cref="ArticleBodyRenderer"/> would make them for Markdown of plain paragraphs and level-2 headings (a test
/// holds the two to the same output), because rendering 100,000 bodies through them takes minutes.
/// </summary>
internal sealed class SyntheticArticleGenerator
{
    private const double ZipfExponent = 1.05;
    private static readonly TimeSpan Span = TimeSpan.FromDays(5 * 365);

    private readonly Random random;
    private readonly double[] tagWeights;
    private readonly (string Name, string Role)[] speakers;
    private readonly string[] bylines;
    private readonly DateTimeOffset[] publishedAt;
    private readonly DateTimeOffset now;
    private readonly StringBuilder builder = new();

    public SyntheticArticleGenerator(int seed, int articleCount, DateTimeOffset now)
    {
        random = new Random(seed);
        this.now = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);

        // Popularity follows rank^-s over a shuffled list, so the common tags are not simply the first names written down.
        var names = TagTopics.Concat(Places.Select(p => p.Replace("the ", "", StringComparison.Ordinal))).ToArray();
        random.Shuffle(names);
        Tags = names.Select((name, rank) => new SyntheticTag(Slugs.From(name), name, rank % 3 == 0 ? $"News and analysis about {name.ToLowerInvariant()}." : null)).ToList();
        tagWeights = new double[names.Length];
        var total = 0.0;
        for (var rank = 0; rank < names.Length; rank++)
        {
            total += 1 / Math.Pow(rank + 1, ZipfExponent);
            tagWeights[rank] = total;
        }

        speakers = People(200).Select(name => (name, Roles[random.Next(Roles.Length)])).ToArray();
        bylines = People(100);
        publishedAt = PublicationTimes(articleCount);
    }

    /// <summary>The tags by popularity (the first is on the most articles); articles refer to them by index.</summary>
    public IReadOnlyList<SyntheticTag> Tags { get; }

    public SyntheticArticle Create(long id)
    {
        var language = random.Next(100) switch { < 85 => English, < 95 => Spanish, _ => French };
        var section = Sections[random.Next(Sections.Length)];
        var published = publishedAt[id - 1];
        var quotes = Quotes(language);
        var body = Body(language, quotes);
        var headline = Headline(language);
        var hasImage = random.Next(10) < 7;
        return new SyntheticArticle
        {
            Id = id,
            Slug = $"{Slugs.From(headline, 100)}-{id}",
            Headline = headline,
            Dek = random.Next(10) < 4 ? Sentence(language) : null,
            BodyMarkdown = body.Markdown,
            BodyHtml = body.Html,
            BodyText = body.Text,
            Excerpt = body.Excerpt,
            WordCount = body.WordCount,
            Section = section,
            Byline = bylines[random.Next(bylines.Length)],
            Language = language.Code,
            ImageUrl = hasImage ? $"https://images.example.com/synthetic/{id}.jpg" : null,
            ImageAlt = hasImage ? Capitalise(Pick(language.Objects)) : null,
            ImageCaption = hasImage ? Sentence(language) : null,
            ImageCredit = hasImage ? bylines[random.Next(bylines.Length)] : null,
            PublishedAt = published,
            CreatedAt = published - TimeSpan.FromMinutes(random.Next(5, 3 * 24 * 60)),
            UpdatedAt = random.Next(4) == 0 ? Min(published + TimeSpan.FromMinutes(random.Next(10, 30 * 24 * 60)), now) : published,
            TagIndexes = TagsOfArticle(),
            Quotes = quotes,
            Links = Links(id, body.Paragraphs, section),
        };
    }

    private (string Markdown, string Html, string Text, string Excerpt, int WordCount, int Paragraphs) Body(SyntheticWords.Language language, IReadOnlyList<SyntheticQuote> quotes)
    {
        var paragraphs = random.Next(3, 13);
        var headings = language.Headings.ToArray();
        random.Shuffle(headings);
        var headingCount = 0;
        var blocks = new List<(bool Heading, string Text)>(paragraphs + 3);
        for (var i = 0; i < paragraphs; i++)
        {
            if (i >= 2 && headingCount < 3 && random.Next(5) == 0)
            {
                blocks.Add((true, headings[headingCount++]));
            }

            builder.Clear();
            var sentences = random.Next(2, 6);
            for (var s = 0; s < sentences; s++)
            {
                builder.Append(s == 0 ? "" : " ").Append(Sentence(language));
            }

            if (i == 1 && quotes.Count > 0)
            {
                var quote = quotes[0];
                builder.Append(" “").Append(quote.Text.TrimEnd('.')).Append(",” ").Append(language.Said).Append(' ').Append(quote.Speaker).Append('.');
            }

            blocks.Add((false, builder.ToString()));
        }

        var markdown = string.Join("\n\n", blocks.Select(b => b.Heading ? "## " + b.Text : b.Text));
        var html = string.Join("\n", blocks.Select(b => b.Heading
            ? $"<h2 id=\"{Slugs.From(b.Text)}\">{HtmlEncodeText(b.Text)}</h2>"
            : $"<p>{HtmlEncodeText(b.Text)}</p>"));
        var text = string.Join("\n\n", blocks.Select(b => b.Text));
        return (markdown, html, text, Excerpt(blocks[0].Text), CountWords(text), paragraphs);
    }

    private string Headline(SyntheticWords.Language language)
    {
        var subject = random.Next(5) == 0 ? Companies[random.Next(Companies.Length)] : Places[random.Next(Places.Length)];
        return Capitalise($"{subject} {Pick(language.HeadlineVerbs)} {Pick(language.Objects)}");
    }

    private string Sentence(SyntheticWords.Language language)
    {
        var subject = Pick(language.Subjects);
        var lead = random.Next(6) == 0 ? Pick(language.Connectors) + " " + char.ToLowerInvariant(subject[0]) + subject[1..] : subject;
        var tail = random.Next(4) switch
        {
            0 => "",
            1 => $" {language.In} {Places[random.Next(Places.Length)]}",
            _ => " " + Pick(language.Adverbials),
        };
        return $"{lead} {Pick(language.Verbs)} {Pick(language.Objects)}{tail}.";
    }

    private List<SyntheticQuote> Quotes(SyntheticWords.Language language)
    {
        var count = random.Next(100) switch { < 25 => 0, < 50 => 1, < 70 => 2, < 85 => 3, < 95 => 4, _ => 5 };
        var quotes = new List<SyntheticQuote>(count);
        for (var i = 0; i < count; i++)
        {
            var (name, role) = speakers[random.Next(speakers.Length)];
            var context = random.Next(3) == 0 ? $"Speaking to reporters {Pick(English.Adverbials)}" : null;
            quotes.Add(new SyntheticQuote(random.Next(3) == 0 ? Sentence(language) + " " + Sentence(language) : Sentence(language), name, role, context));
        }

        return quotes;
    }

    private List<SyntheticLink> Links(long id, int paragraphs, string section)
    {
        var count = random.Next(100) switch { < 30 => 0, < 60 => 1, < 85 => 2, _ => 3 };
        var links = new List<SyntheticLink>(count);
        for (var i = 0; i < count; i++)
        {
            var kind = random.Next(5) switch { < 2 => "inline", < 4 => "related", _ => "more" };
            int? afterParagraph = kind == "inline" ? random.Next(1, Math.Max(2, paragraphs)) : null;
            if (id > 1 && random.Next(2) == 0)
            {
                // Mostly recent stories, as editors link them; any earlier id keeps the foreign key satisfied while inserting.
                var target = Math.Max(1, id - 1 - random.Next((int)Math.Min(id - 1, 5000)));
                links.Add(new SyntheticLink(kind, null, null, target, afterParagraph));
            }
            else
            {
                var title = Headline(English);
                links.Add(new SyntheticLink(kind, title, $"/{Slugs.From(section)}/{Slugs.From(title, 80)}", null, afterParagraph));
            }
        }

        return links;
    }

    private int[] TagsOfArticle()
    {
        var count = random.Next(100) switch { < 15 => 1, < 40 => 2, < 65 => 3, < 83 => 4, < 93 => 5, _ => 6 };
        var picked = new int[count];
        for (var i = 0; i < count; i++)
        {
            int index;
            do
            {
                index = Array.BinarySearch(tagWeights, random.NextDouble() * tagWeights[^1]);
                index = index < 0 ? ~index : index;
            }
            while (picked.AsSpan(0, i).Contains(index));

            picked[i] = index;
        }

        return picked;
    }

    /// <summary>Distinct, increasing times over the last five years, then shuffled a little between neighbours (ids
    /// follow creation, publication order not quite), all at least a minute before now.</summary>
    private DateTimeOffset[] PublicationTimes(int count)
    {
        var gaps = new double[count];
        var sum = 0.0;
        for (var i = 0; i < count; i++)
        {
            gaps[i] = -Math.Log(1 - random.NextDouble());
            sum += gaps[i];
        }

        var start = now - Span;
        var scale = Math.Max(0, Span.TotalSeconds - 60 - count) / sum;
        var times = new DateTimeOffset[count];
        var seconds = 0.0;
        for (var i = 0; i < count; i++)
        {
            seconds += 1 + gaps[i] * scale;
            times[i] = start.AddSeconds(Math.Floor(seconds));
        }

        for (var i = 0; i + 1 < count; i += 2)
        {
            if (random.Next(4) == 0)
            {
                (times[i], times[i + 1]) = (times[i + 1], times[i]);
            }
        }

        return times;
    }

    private string[] People(int count)
    {
        var names = new HashSet<string>();
        while (names.Count < count)
        {
            names.Add($"{FirstNames[random.Next(FirstNames.Length)]} {LastNames[random.Next(LastNames.Length)]}");
        }

        return [.. names];
    }

    /// <summary>As the renderer cuts the first paragraph: at a word boundary, with an ellipsis.</summary>
    internal static string Excerpt(string paragraph)
    {
        if (paragraph.Length <= ArticleBodyRenderer.ExcerptLength)
        {
            return paragraph;
        }

        var cut = paragraph[..ArticleBodyRenderer.ExcerptLength];
        var lastSpace = cut.LastIndexOf(' ');
        return (lastSpace > ArticleBodyRenderer.ExcerptLength / 2 ? cut[..lastSpace] : cut).TrimEnd(',', ';', ':', '-', ' ') + "…";
    }

    /// <summary>Words as the renderer counts them: runs of letters and digits, joined by an apostrophe or hyphen.</summary>
    internal static int CountWords(string text)
    {
        var count = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetterOrDigit(text[i]))
            {
                i++;
                continue;
            }

            count++;
            while (i < text.Length && (char.IsLetterOrDigit(text[i])
                || (text[i] is '\'' or '’' or '-' && i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1]) && i > 0 && char.IsLetterOrDigit(text[i - 1]))))
            {
                i++;
            }
        }

        return count;
    }

    /// <summary>Text as the sanitiser serialises it: only &amp;, &lt; and &gt; are escaped (quotes stay as they are).</summary>
    private static string HtmlEncodeText(string text) =>
        text.Contains('&') || text.Contains('<') || text.Contains('>')
            ? text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal)
            : text;

    private string Pick(string[] items) => items[random.Next(items.Length)];

    private static string Capitalise(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
