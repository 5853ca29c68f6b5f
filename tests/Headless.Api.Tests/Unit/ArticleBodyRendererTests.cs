using Headless.Api.Features.Articles;

namespace Headless.Api.Tests.Unit;

public sealed class ArticleBodyRendererTests
{
    private readonly ArticleBodyRenderer renderer = new();

    public static TheoryData<string> XssPayloads => new()
    {
        "<script>alert(1)</script>",
        "<SCRIPT SRC=https://evil.example/xss.js></SCRIPT>",
        "<img src=x onerror=alert(1)>",
        "<IMG SRC=\"javascript:alert('XSS');\">",
        "<img src=JaVaScRiPt:alert(1)>",
        "<svg onload=alert(1)>",
        "<svg><script>alert(1)</script></svg>",
        "<body onload=alert(1)>",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
        "<a href=\"javascript:alert(1)\">click</a>",
        "<a href=\"jav&#x09;ascript:alert(1)\">click</a>",
        "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">click</a>",
        "[click](javascript:alert(1))",
        "[click](JAVASCRIPT:alert(1))",
        "![x](javascript:alert(1))",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "<object data=\"javascript:alert(1)\"></object>",
        "<embed src=\"javascript:alert(1)\">",
        "<form action=\"javascript:alert(1)\"><button>go</button></form>",
        "<input onfocus=alert(1) autofocus>",
        "<details open ontoggle=alert(1)>",
        "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        "<base href=\"javascript:alert(1)//\">",
        "<link rel=stylesheet href=\"javascript:alert(1)\">",
        "<style>@import 'javascript:alert(1)';</style>",
        "<video><source onerror=\"alert(1)\"></video>",
        "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
        "<p onclick=alert(1)>text</p>",
    };

    [Theory]
    [MemberData(nameof(XssPayloads))]
    public void Rendered_html_never_carries_script_handlers_or_javascript_urls(string payload)
    {
        var rendered = renderer.Render($"Before.\n\n{payload}\n\nAfter {payload} inline.", null);
        var html = rendered.Html.ToLowerInvariant();
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("javascript:", html);
        Assert.DoesNotContain("<iframe", html);
        Assert.DoesNotContain("<object", html);
        Assert.DoesNotContain("<embed", html);
        Assert.DoesNotContain("<meta", html);
        Assert.DoesNotContain("<base", html);
        Assert.DoesNotContain("data:text/html", html);
        Assert.DoesNotMatch(@"\son[a-z]+\s*=", html);
        Assert.DoesNotContain("alert(1)</", rendered.Text);
    }

    [Fact]
    public void Markdown_renders_headings_links_and_emphasis()
    {
        var rendered = renderer.Render("Intro with **bold** and [a link](https://example.com/x).\n\n## A heading\n\nMore text.", null);
        Assert.Contains("<strong>bold</strong>", rendered.Html);
        Assert.Contains("<a href=\"https://example.com/x\">a link</a>", rendered.Html);
        Assert.Contains(">A heading</h2>", rendered.Html);
        Assert.Equal("Intro with bold and a link.\n\nA heading\n\nMore text.", rendered.Text);
    }

    [Fact]
    public void Excerpt_is_the_first_paragraph_cut_at_a_word()
    {
        var longParagraph = string.Join(' ', Enumerable.Repeat("sovereignty matters", 40));
        var rendered = renderer.Render($"## Heading first\n\n{longParagraph}\n\nSecond.", null);
        Assert.EndsWith("…", rendered.Excerpt);
        Assert.True(rendered.Excerpt.Length <= ArticleBodyRenderer.ExcerptLength + 1);
        Assert.StartsWith("sovereignty matters", rendered.Excerpt);
        Assert.Equal("Given.", renderer.Render(longParagraph, "  Given.  ").Excerpt);
    }

    [Theory]
    [InlineData("", 0, 0)]
    [InlineData("One two three.", 3, 1)]
    [InlineData("Mexico’s well-known state-run firm", 4, 1)]
    public void Words_and_reading_time_are_counted_from_the_text(string markdown, int words, int minutes)
    {
        var rendered = renderer.Render(markdown, null);
        Assert.Equal(words, rendered.WordCount);
        Assert.Equal(minutes, ArticleBodyRenderer.ReadingTimeMinutes(rendered.WordCount));
    }

    [Fact]
    public void Reading_time_rounds_up_at_230_words_a_minute()
    {
        Assert.Equal(1, ArticleBodyRenderer.ReadingTimeMinutes(230));
        Assert.Equal(2, ArticleBodyRenderer.ReadingTimeMinutes(231));
    }
}
