using System.Net;
using Headless.Api.Tests.Infrastructure;

namespace Headless.Api.Tests.Articles;

public sealed class ArticleSanitisingTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string HostileBody = """
        Opening paragraph with a [bad link](javascript:alert('md')) and a [good link](https://example.com/ok).

        <script>alert('stolen cookies')</script>

        <img src="https://example.com/x.png" onerror="alert('img')" alt="pic">

        <p onclick="alert('click')">Click <a href="javascript:alert('html')">here</a> or <a href="JaVaScRiPt:alert('mixed')">there</a>.</p>

        <iframe src="https://evil.example.com/frame"></iframe>

        <div><svg onload="alert('svg')"><script>alert('nested')</script></svg>Closing words.</div>
        """;

    [Fact]
    public async Task Post_with_hostile_markup_stores_html_without_scripts_handlers_or_javascript_urls()
    {
        var article = await factory.Admin().CreateArticle(body: HostileBody);

        var html = article["body"]!.Text("html")!;
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("alert", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onerror", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onclick", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onload", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<iframe", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("evil.example.com", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("href=\"https://example.com/ok\"", html);
        Assert.Contains("src=\"https://example.com/x.png\"", html);
        Assert.Contains("Closing words.", html);
    }

    [Fact]
    public async Task Post_with_hostile_markup_leaves_no_script_content_in_the_text()
    {
        var article = await factory.Admin().CreateArticle(body: HostileBody);

        var text = article["body"]!.Text("text")!;
        Assert.DoesNotContain("alert", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("stolen cookies", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<", text);
        Assert.StartsWith("Opening paragraph with a bad link and a good link.", text);
        Assert.Contains("Click here or there.", text);
        Assert.Contains("Closing words.", text);
    }

    [Fact]
    public async Task Sanitised_html_is_what_readers_get_and_markdown_is_kept_as_written()
    {
        var admin = factory.Admin();
        var article = await admin.CreateArticle(body: HostileBody);

        var read = await (await factory.Anonymous().GetAsync($"/v1/articles/{article.Id()}?formats=html,text,markdown")).AssertOk();

        Assert.Equal(article["body"]!.Text("html"), read["body"]!.Text("html"));
        Assert.Equal(article["body"]!.Text("text"), read["body"]!.Text("text"));
        Assert.Equal(HostileBody, read["body"]!.Text("markdown"));
    }

    [Fact]
    public async Task Post_with_textarea_leaves_no_script_text_in_any_format()
    {
        var article = await factory.Admin().CreateArticle(body: "Before.\n\n<textarea><script>alert('ta')</script></textarea>\n\nAfter.");

        var body = article["body"]!;
        Assert.DoesNotContain("script", body.Text("html"), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("script", body.Text("text"), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("alert", body.Text("text"), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Before.\n\nAfter.", body.Text("text"));
    }

    [Fact]
    public async Task Post_with_a_form_drops_the_form_and_its_controls()
    {
        var article = await factory.Admin().CreateArticle(
            body: "<form action=\"https://evil.example.com/login\"><input name=\"password\" type=\"password\"><button formaction=\"https://evil.example.com\">Log in</button><select><option>x</option></select></form>\n\nStory.");

        var html = article["body"]!.Text("html")!;
        Assert.DoesNotContain("<form", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<button", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<select", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("evil.example.com", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<p>Story.</p>", html);
    }

    [Fact]
    public async Task Markdown_task_lists_keep_their_checkboxes()
    {
        var article = await factory.Admin().CreateArticle(body: "- [x] Done\n- [ ] To do");

        var html = article["body"]!.Text("html")!;
        Assert.Contains("type=\"checkbox\"", html);
        Assert.Contains("To do", article["body"]!.Text("text"));
    }

    [Fact]
    public async Task Excerpt_and_word_count_ignore_script_content()
    {
        var article = await factory.Admin().CreateArticle(body: "<script>one two three four five</script>\n\nSix seven.");

        Assert.Equal("Six seven.", article.Text("excerpt"));
        Assert.Equal(2, article["wordCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Put_with_hostile_markup_is_sanitised_too()
    {
        var admin = factory.Admin();
        var article = await admin.CreateArticle();

        var updated = await (await admin.PutCurrent($"/v1/articles/{article.Id()}", new { headline = "Updated", body = HostileBody })).AssertOk();

        var html = updated["body"]!.Text("html")!;
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onerror", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<iframe", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/v1/articles/{article.Id()}")).StatusCode);
    }
}
