using System.Text.Json;
using Headless.Api.Common.Auth;
using Headless.Api.Common.Database;
using Headless.Api.Common.Http;
using Headless.Api.Features.Articles;
using Headless.Api.Features.Links;
using Headless.Api.Features.Quotes;
using Headless.Api.Features.Tags;

namespace Headless.Api.Features.Demo;

/// <summary>
/// Loads the embedded demo content (<c>demo-content.json</c>: the sovereignty article retold, its quotes, tags and
/// inline related links) into a new database, through the same stores the API writes with.
/// </summary>
public sealed class DemoContent(ArticleStore articles, TagStore tags, QuoteStore quotes, LinkStore links, ArticleBodyRenderer renderer, ILogger<DemoContent> logger)
{
    private const string ResourceName = "Headless.Demo.demo-content.json";
    private static readonly Actor Loader = new(null, "demo content");

    public async Task LoadAsync(CancellationToken ct)
    {
        var content = Read();
        foreach (var tag in content.Tags)
        {
            await tags.CreateAsync(tag.Slug!, tag.Name, tag.Description, ct);
        }

        foreach (var article in content.Articles)
        {
            var request = article.ToRequest();
            var result = await articles.CreateAsync(ArticlesEndpoints.ToWrite(request, renderer), request.Status ?? ArticleStatus.Draft, request.PublishedAt, Loader, ct);
            if (result.Outcome != WriteOutcome.Saved)
            {
                throw new InvalidOperationException($"Demo article '{article.Slug}' could not be saved: {result.Outcome}.");
            }

            var id = result.Id;
            foreach (var quote in article.Quotes ?? [])
            {
                await quotes.CreateAsync(id, quote, ct);
            }

            foreach (var link in article.Links ?? [])
            {
                await links.CreateAsync(id, link, ct);
            }

            logger.LogInformation("Loaded demo article {Slug}", article.Slug);
        }
    }

    internal static DemoContentFile Read()
    {
        using var stream = typeof(DemoContent).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The demo content resource {ResourceName} is missing.");
        return JsonSerializer.Deserialize<DemoContentFile>(stream, JsonSetup.Options) ?? throw new InvalidOperationException("The demo content is empty.");
    }

    internal sealed record DemoContentFile(IReadOnlyList<TagRequest> Tags, IReadOnlyList<DemoArticle> Articles);

    internal sealed record DemoArticle(
        string Headline,
        string? Slug,
        string? Dek,
        string? Body,
        string? Excerpt,
        string? Section,
        string? Byline,
        string? Language,
        string? CanonicalUrl,
        FeaturedImage? FeaturedImage,
        ArticleStatus? Status,
        DateTimeOffset? PublishedAt,
        DateTimeOffset? ExpiresAt,
        IReadOnlyList<string>? Tags,
        IReadOnlyList<QuoteRequest>? Quotes,
        IReadOnlyList<LinkRequest>? Links,
        SyndicationRights? Syndication = null)
    {
        public CreateArticleRequest ToRequest() =>
            new(Headline, Slug, Dek, Body, Excerpt, Section, Byline, Language, CanonicalUrl, FeaturedImage, ExpiresAt, Tags, Status, PublishedAt, Syndication);
    }
}
