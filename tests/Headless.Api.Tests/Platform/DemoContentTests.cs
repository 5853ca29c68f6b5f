using FluentValidation;
using Headless.Api.Features.Articles;
using Headless.Api.Features.Demo;
using Headless.Api.Features.Links;
using Headless.Api.Features.Quotes;
using Headless.Api.Features.Tags;
using Headless.Api.Tests.Infrastructure;

namespace Headless.Api.Tests.Platform;

/// <summary>A newcomer's first start: the demo article with its quotes, tags and links.</summary>
public sealed class DemoContentTests(DemoApiFactory factory) : IClassFixture<DemoApiFactory>
{
    private const string Slug = "mexicos-president-turns-down-us-offer-of-troops-sovereignty-is-not-for-sale";

    [Fact]
    public async Task Demo_article_is_served_by_slug_with_tags_and_section_headings()
    {
        var article = await (await factory.Anonymous().GetAsync($"/v1/articles/slug/{Slug}?formats=html,text")).AssertOk();
        Assert.Equal("published", article["status"]!.GetValue<string>());
        Assert.Equal("Mexico’s President Turns Down US Offer of Troops: “Sovereignty Is Not for Sale”", article["headline"]!.GetValue<string>());
        Assert.Equal(
            ["mexico", "united-states", "sovereignty", "drug-trafficking", "military", "border-security"],
            article["tags"]!.AsArray().Select(t => t!["slug"]!.GetValue<string>()));
        var html = article["body"]!["html"]!.GetValue<string>();
        Assert.Contains(">Growing US Military Activity Near the Border</h2>", html);
        Assert.Contains("</h2>", html[(html.IndexOf("Growing", StringComparison.Ordinal) + 1)..]);
        Assert.Contains("Sovereignty is not for sale. Sovereignty is loved and defended.", article["body"]!["text"]!.GetValue<string>());
        Assert.True(article["wordCount"]!.GetValue<int>() > 500);
    }

    [Fact]
    public async Task Demo_quotes_are_verbatim_and_attributed_in_order()
    {
        var article = await (await factory.Anonymous().GetAsync($"/v1/articles/slug/{Slug}")).AssertOk();
        var quotes = await (await factory.Anonymous().GetAsync($"/v1/articles/{article["id"]}/quotes")).AssertOk();
        var pairs = quotes["data"]!.AsArray().Select(q => (q!["speaker"]!.GetValue<string>(), q["text"]!.GetValue<string>())).ToList();
        Assert.Equal(
            [
                ("US President", "How can we help you fight drug trafficking? I propose that the United States military come in and help you."),
                ("Mexico's President", "No, President."),
                ("Mexico's President", "Sovereignty is not for sale. Sovereignty is loved and defended."),
                ("Mexico's President", "We can work together, but you in your territory and us in ours."),
                ("Mexico's President", "We will never accept the presence of the United States military in our territory."),
            ],
            pairs);
    }

    [Fact]
    public async Task Demo_related_headlines_are_inline_links_placed_after_paragraphs()
    {
        var article = await (await factory.Anonymous().GetAsync($"/v1/articles/slug/{Slug}")).AssertOk();
        var links = await (await factory.Anonymous().GetAsync($"/v1/articles/{article["id"]}/links?kind=inline")).AssertOk();
        var items = links["data"]!.AsArray();
        Assert.Equal(
            ["US Warship USS Gravely Deployed to Mexico Border Amid Security Crisis", "Hidden Dangers of Russia’s Mexican Espionage Activities Directed At the US", "Cartel Terror in Mexico leads to Graveyard of Missing"],
            items.Select(l => l!["title"]!.GetValue<string>()));
        var after = items.Select(l => l!["afterParagraph"]!.GetValue<int>()).ToList();
        Assert.Equal(after.Order(), after);
        Assert.All(items, l => Assert.StartsWith("/articles/", l!["url"]!.GetValue<string>()));
    }

    [Fact]
    public void Demo_content_passes_the_same_validation_as_the_api()
    {
        var content = DemoContent.Read();
        var clock = TimeProvider.System;
        var articleValidator = new CreateArticleRequestValidator(clock);
        foreach (var tag in content.Tags)
        {
            new TagRequestValidator().ValidateAndThrow(tag);
        }

        foreach (var article in content.Articles)
        {
            articleValidator.ValidateAndThrow(article.ToRequest());
            Assert.All(article.Quotes ?? [], q => new QuoteRequestValidator().ValidateAndThrow(q));
            Assert.All(article.Links ?? [], l => new LinkRequestValidator().ValidateAndThrow(l));
        }
    }
}

/// <summary>With <c>Headless:DemoContent=false</c> a new database starts empty.</summary>
public sealed class NoDemoContentTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task New_database_without_demo_content_has_no_articles()
    {
        var list = await (await factory.Anonymous().GetAsync("/v1/articles")).AssertOk();
        Assert.Empty(list["data"]!.AsArray());
    }
}
