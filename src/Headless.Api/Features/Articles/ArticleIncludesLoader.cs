using Headless.Api.Features.Links;
using Headless.Api.Features.Quotes;
using Headless.Api.Features.Related;

namespace Headless.Api.Features.Articles;

/// <summary>
/// Embeds the relations a read asks for (<c>include=</c>) into a page of articles: one query per relation for the
/// whole page, never one per article. Tags and corrections are always there (loaded with the articles).
/// </summary>
public sealed class ArticleIncludesLoader(QuoteStore quotes, LinkStore links, RelatedStore related)
{
    public async Task<IReadOnlyList<ArticleResponse>> LoadAsync(IReadOnlyList<ArticleResponse> articles, ArticleIncludes includes, bool includeHidden, CancellationToken ct)
    {
        if (articles.Count == 0 || (includes & ~ArticleIncludes.Tags) == ArticleIncludes.None)
        {
            return articles;
        }

        var ids = articles.Select(a => a.Id).ToList();
        var quoteRows = includes.HasFlag(ArticleIncludes.Quotes) ? await quotes.ForArticlesAsync(ids, ct) : null;
        var linkRows = includes.HasFlag(ArticleIncludes.Links) ? await links.ForArticlesAsync(ids, includeHidden, ct) : null;
        var relatedItems = includes.HasFlag(ArticleIncludes.Related) ? await related.ForArticlesAsync(ids, RelatedEndpoints.IncludedPerArticle, ct) : null;
        return articles.Select(article => article with
        {
            Quotes = quoteRows?[article.Id].Select(QuotesEndpoints.ToResponse).ToList(),
            Links = linkRows?[article.Id].Select(LinksEndpoints.ToResponse).ToList(),
            Related = relatedItems?[article.Id].ToList(),
        }).ToList();
    }
}
