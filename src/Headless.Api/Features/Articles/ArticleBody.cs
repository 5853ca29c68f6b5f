using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Ganss.Xss;
using Markdig;

namespace Headless.Api.Features.Articles;

/// <summary>An article body rendered once, at write time: sanitised HTML, plain text and the derived numbers.</summary>
public sealed record RenderedBody(string Html, string Text, int WordCount, string Excerpt);

/// <summary>
/// Renders Markdown bodies with Markdig and sanitises the HTML with HtmlSanitizer, so script elements,
/// event-handler attributes, <c>javascript:</c> URLs and forms never reach a reader, whatever the Markdown held.
/// The plain text, word count and excerpt are read from the sanitised HTML, so they hold only what a reader sees.
/// </summary>
public sealed partial class ArticleBodyRenderer
{
    public const int ExcerptLength = 240;
    public const int WordsPerMinute = 230;

    private static readonly HashSet<string> BlockElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "div", "table", "tr", "ul", "ol", "dl", "dt", "dd", "figure", "figcaption", "hr",
    };

    private readonly MarkdownPipeline pipeline = new MarkdownPipelineBuilder()
        .UseAdvancedExtensions()
        .Build();

    private readonly HtmlSanitizer sanitizer = CreateSanitizer();

    public RenderedBody Render(string markdown, string? excerpt)
    {
        var html = sanitizer.Sanitize(Markdown.ToHtml(markdown, pipeline)).Trim();
        var fragment = new HtmlParser().ParseDocument($"<body>{html}</body>").Body!;
        var text = ToText(fragment);
        var wordCount = Words().Count(text);
        return new RenderedBody(html, text, wordCount, string.IsNullOrWhiteSpace(excerpt) ? DeriveExcerpt(fragment) : excerpt.Trim());
    }

    public static int ReadingTimeMinutes(int wordCount) => wordCount == 0 ? 0 : Math.Max(1, (int)Math.Ceiling(wordCount / (double)WordsPerMinute));

    /// <summary>Text with blocks separated by a blank line and runs of white space folded.</summary>
    private static string ToText(IElement root)
    {
        var builder = new StringBuilder();
        Append(root, builder);
        var blocks = builder.ToString().Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(block => Whitespace().Replace(block, " "))
            .Where(block => block.Length > 0);
        return string.Join("\n\n", blocks);

        static void Append(INode node, StringBuilder builder)
        {
            foreach (var child in node.ChildNodes)
            {
                if (child is IText textNode)
                {
                    builder.Append(textNode.Data);
                }
                else if (child is IElement element)
                {
                    var isBlock = BlockElements.Contains(element.LocalName);
                    if (isBlock)
                    {
                        builder.Append("\n\n");
                    }
                    else if (element.LocalName == "br")
                    {
                        builder.Append(' ');
                    }

                    Append(element, builder);
                    if (isBlock)
                    {
                        builder.Append("\n\n");
                    }
                }
            }
        }
    }

    /// <summary>The first top-level paragraph's text (headings, quotes and lists skipped), cut at a word boundary.</summary>
    private static string DeriveExcerpt(IElement root)
    {
        var paragraph = root.Children.FirstOrDefault(element => element.LocalName == "p") ?? root.QuerySelector("p");
        if (paragraph is null)
        {
            return string.Empty;
        }

        var text = Whitespace().Replace(paragraph.TextContent, " ").Trim();
        if (text.Length <= ExcerptLength)
        {
            return text;
        }

        var cut = text[..ExcerptLength];
        var lastSpace = cut.LastIndexOf(' ');
        return (lastSpace > ExcerptLength / 2 ? cut[..lastSpace] : cut).TrimEnd(',', ';', ':', '-', ' ') + "…";
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.Add("http");
        sanitizer.AllowedSchemes.Add("https");
        sanitizer.AllowedSchemes.Add("mailto");
        sanitizer.AllowedAttributes.Add("id");
        // An article has no use for forms: on our domain they are a phishing vector (a password field posting elsewhere),
        // and a textarea's raw content would reach the plain text as markup. Inputs stay for Markdown task-list checkboxes.
        foreach (var tag in new[] { "form", "button", "textarea", "select", "option", "optgroup", "fieldset", "legend", "label" })
        {
            sanitizer.AllowedTags.Remove(tag);
        }

        return sanitizer;
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*")]
    private static partial Regex Words();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
