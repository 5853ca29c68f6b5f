using Headless.Api.Common.Text;

namespace Headless.Api.Tests.Unit;

public sealed class SlugsTests
{
    [Theory]
    [InlineData("Mexico’s President Rejects US Troop Proposal: “Sovereignty Is Not for Sale”", "mexicos-president-rejects-us-troop-proposal-sovereignty-is-not-for-sale")]
    [InlineData("México elige a su presidenta", "mexico-elige-a-su-presidenta")]
    [InlineData("Ça déménage à Zürich — ßtraße", "ca-demenage-a-zurich-sstrasse")]
    [InlineData("Łódź and Øresund: Æsir", "lodz-and-oresund-aesir")]
    [InlineData("  --Hello,   World!!  ", "hello-world")]
    [InlineData("It's the \"best\" 'quote'", "its-the-best-quote")]
    [InlineData("ﬁnance ① ２０２６", "finance-1-2026")]
    [InlineData("İstanbul", "istanbul")]
    [InlineData("日本語", "")]
    public void From_makes_lowercase_hyphenated_ascii(string text, string expected)
    {
        Assert.Equal(expected, Slugs.From(text));
    }

    [Fact]
    public void From_cuts_at_a_hyphen_within_the_limit()
    {
        var slug = Slugs.From(string.Join(' ', Enumerable.Repeat("sovereignty", 30)));
        Assert.True(slug.Length <= Slugs.MaxLength);
        Assert.False(slug.EndsWith('-'));
        Assert.True(Slugs.IsValid(slug));
    }

    [Theory]
    [InlineData("a", true)]
    [InlineData("abc-123", true)]
    [InlineData("Abc", false)]
    [InlineData("a--b", false)]
    [InlineData("-a", false)]
    [InlineData("a-", false)]
    [InlineData("a b", false)]
    [InlineData("", false)]
    public void IsValid_accepts_only_slugs(string slug, bool valid)
    {
        Assert.Equal(valid, Slugs.IsValid(slug));
    }

    [Fact]
    public void IsValid_refuses_more_than_120_characters()
    {
        Assert.True(Slugs.IsValid(new string('a', 120)));
        Assert.False(Slugs.IsValid(new string('a', 121)));
    }
}
