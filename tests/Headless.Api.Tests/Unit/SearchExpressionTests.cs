using Headless.Api.Features.Search;

namespace Headless.Api.Tests.Unit;

public sealed class SearchExpressionTests
{
    [Theory]
    [InlineData("tax", "\"tax\"")]
    [InlineData("sovereign", "\"sovereign\"*")]
    [InlineData("sovereign mexico", "(\"sovereign\"* AND \"mexico\"*)")]
    [InlineData("\"not for sale\"", "\"not for sale\"")]
    [InlineData("mexico -cartel", "\"mexico\"* NOT \"cartel\"")]
    [InlineData("peace -\"drug war\"", "\"peace\"* NOT \"drug war\"")]
    [InlineData("tax OR levy", "(\"tax\" OR \"levy\"*)")]
    [InlineData("tax OR levy rise", "((\"tax\" OR \"levy\"*) AND \"rise\"*)")]
    [InlineData("ta*", "\"ta\"*")]
    [InlineData("t*", "\"t\"")]
    [InlineData("NEAR(a b)", "(\"NEAR(a\" AND \"b)\")")]
    [InlineData("headline:foo", "\"headline:foo\"")]
    [InlineData("\"unbalanced phrase", "\"unbalanced phrase\"")]
    [InlineData("NOT war peace", "\"peace\"* NOT \"war\"")]
    [InlineData("OR tax", "\"tax\"")]
    [InlineData("a\u0000b", "(\"a\" AND \"b\")")]
    public void Builds_a_safe_fts5_query(string input, string expected)
    {
        Assert.True(SearchExpression.TryParse(input, out var expression, out var error), error);
        Assert.Equal(expected, expression!.Match);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("*")]
    [InlineData("-cartel")]
    [InlineData("\"\"")]
    [InlineData("( ) ^")]
    public void Refuses_what_has_nothing_to_find(string input)
    {
        Assert.False(SearchExpression.TryParse(input, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void Words_can_be_kept_from_expanding()
    {
        var expression = SearchExpression.Parse("sovereign mexico sov* -cartel");

        Assert.Equal(["sovereign", "mexico"], expression.ExpandedWords);
        Assert.Equal("(\"sovereign\" AND \"mexico\"* AND \"sov\"*) NOT \"cartel\"", expression.WithoutExpanding(["sovereign"]).Match);
        Assert.Equal("\"sovereign\"", SearchExpression.ExactWord("sovereign"));
    }

    [Fact]
    public void Prefix_match_completes_every_word()
    {
        Assert.Equal("\"mex\"* AND \"sov\"*", SearchExpression.PrefixMatch("mex sov"));
        Assert.Null(SearchExpression.PrefixMatch("** \"\""));
    }

    [Theory]
    [InlineData("a \uFDD0b\uFDD1 <c>", "a <mark>b</mark> &lt;c&gt;")]
    [InlineData("\uFDD1x\uFDD0y", "x<mark>y</mark>")]
    [InlineData("'\"&", "&#39;&quot;&amp;")]
    public void Highlights_are_escaped_html_with_balanced_marks(string marked, string expected)
    {
        Assert.Equal(expected, Highlights.ToHtml(marked));
    }
}
