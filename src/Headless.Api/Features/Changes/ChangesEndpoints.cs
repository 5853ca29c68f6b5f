using System.Security.Claims;
using Headless.Api.Common.Auth;
using Headless.Api.Common.Http;
using Headless.Api.Common.Validation;
using Headless.Api.Features.Articles;
using Headless.Api.Features.Links;
using Headless.Api.Features.Quotes;
using Headless.Api.Features.Tags;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Headless.Api.Features.Changes;

public static class ChangesEndpoints
{
    public const int MaxLimit = 1000;
    private const int DefaultLimit = 100;
    private const string CursorSort = "changes";

    public static void MapChanges(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/changes").WithTags("Changes").RequireAuthorization(Policies.Partner);
        group.MapGet("/", ListChanges).WithName(nameof(ListChanges)).WithValidation<ChangesQuery>();
    }

    /// <summary>Lists every change to content since a cursor, in commit order, with tombstones.</summary>
    /// <remarks>
    /// For partners keeping a copy of our content in step. Each entry has a sequence number that grows in commit order;
    /// <c>upsert</c> entries carry the resource as it is now, and tombstones say an article was <c>deleted</c>,
    /// <c>unpublished</c>, <c>archived</c>, or that its rights window <c>expired</c> (and that a tag, quote or link was
    /// deleted). Start without <c>since</c>, then pass the answer's <c>next</c> as <c>since</c> on every call, also when
    /// the page was empty: a caller that does so never misses a change and never sees one twice, whatever is written
    /// meanwhile. <c>hasMore</c> says whether to ask again at once. <c>types</c> may change from call to call.
    ///
    /// Only what the public can see is sent as an upsert; an upsert of something no longer visible is left out (its
    /// tombstone follows). Partner keys get what their rights allow: articles outside the key's tags or sections, or
    /// with <c>syndication: none</c>, come as <c>withdrawn</c> tombstones; <c>excerpt</c> articles come without a body;
    /// quotes and links only of articles with <c>full</c> rights. Needs a partner, editor or admin key.
    /// </remarks>
    public static async Task<Results<Ok<ChangeFeedResponse>, ProblemHttpResult>> ListChanges(
        [AsParameters] ChangesQuery query, ChangeStore store, ArticleStore articles, TagStore tags, QuoteStore quotes, LinkStore links,
        CursorCodec codec, ClaimsPrincipal user, CancellationToken ct)
    {
        var afterSeq = 0L;
        if (query.Since is { Length: > 0 } since)
        {
            if (!codec.TryDecode(since, CursorSort, out var position) || position!.Values is not [long seq])
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid cursor",
                    detail: "'since' is not a cursor this change feed gave out. Start again without it and keep the 'next' of each answer.");
            }

            afterSeq = seq;
        }

        ChangeKinds.TryParse(query.Types, out var kinds);
        var limit = query.Limit ?? DefaultLimit;
        var (rows, seenUpTo) = await store.ListAsync(afterSeq, kinds, limit + 1, ct);
        var hasMore = rows.Count > limit;
        var page = rows.Take(limit).ToList();
        // A full page ends at its last change; a short one has seen everything committed up to now.
        var nextSeq = hasMore ? page[^1].Seq : Math.Max(seenUpTo, page.LastOrDefault()?.Seq ?? afterSeq);
        var entries = await ResolveAsync(page, PartnerView.Of(user), articles, tags, quotes, links, ct);
        return TypedResults.Ok(new ChangeFeedResponse(entries, codec.Encode(CursorSort, [nextSeq]), hasMore));
    }

    /// <summary>The entries of a page: each upsert with its resource as it is now (or left out, or withdrawn), each tombstone as it is.</summary>
    private static async Task<IReadOnlyList<ChangeEntry>> ResolveAsync(
        IReadOnlyList<ChangeRow> rows, PartnerView view, ArticleStore articles, TagStore tags, QuoteStore quotes, LinkStore links, CancellationToken ct)
    {
        List<long> Ids(string kind) => rows.Where(r => r.Kind == kind && r.Action == "upsert").Select(r => r.ResourceId).Distinct().ToList();

        var quoteRows = Ids("quote") is { Count: > 0 } quoteIds ? (await quotes.FindManyAsync(quoteIds, includeDrafts: false, ct)).ToDictionary(q => q.Id) : [];
        var linkRows = Ids("link") is { Count: > 0 } linkIds ? (await links.FindManyAsync(linkIds, includeDrafts: false, ct)).ToDictionary(l => l.Id) : [];
        var tagRows = Ids("tag") is { Count: > 0 } tagIds ? (await tags.FindManyAsync(tagIds, ct)).ToDictionary(t => t.Id) : [];
        var articleIds = Ids("article").Concat(quoteRows.Values.Select(q => q.ArticleId)).Concat(linkRows.Values.Select(l => l.ArticleId)).Distinct().ToList();
        var articleResponses = new Dictionary<long, ArticleResponse>();
        if (articleIds.Count > 0)
        {
            var visible = await articles.FindManyAsync(articleIds, includeHidden: false, ct);
            foreach (var article in await articles.ToResponsesAsync(visible, BodyFormats.Html, ct))
            {
                articleResponses[article.Id] = article;
            }
        }

        var entries = new List<ChangeEntry>(rows.Count);
        foreach (var row in rows)
        {
            var kind = Enum.Parse<ChangeKind>(row.Kind, ignoreCase: true);
            var entry = new ChangeEntry(row.Seq, ChangeType.Upsert, kind, row.ResourceId, row.ArticleId, row.CreatedAt);
            if (row.Action != "upsert")
            {
                entries.Add(entry with { Type = Enum.Parse<ChangeType>(row.Action, ignoreCase: true) });
                continue;
            }

            var resolved = kind switch
            {
                ChangeKind.Article => articleResponses.TryGetValue(row.ResourceId, out var article)
                    ? view.MayRepublish(article) ? entry with { Article = view.Shape(article) } : entry with { Type = ChangeType.Withdrawn }
                    : null,
                ChangeKind.Tag => tagRows.TryGetValue(row.ResourceId, out var tag) ? entry with { Tag = TagsEndpoints.ToResponse(tag) } : null,
                ChangeKind.Quote => quoteRows.TryGetValue(row.ResourceId, out var quote) && view.MayRepublishPartsOf(articleResponses.GetValueOrDefault(quote.ArticleId))
                    ? entry with { Quote = QuotesEndpoints.ToResponse(quote) }
                    : null,
                ChangeKind.Link => linkRows.TryGetValue(row.ResourceId, out var link) && view.MayRepublishPartsOf(articleResponses.GetValueOrDefault(link.ArticleId))
                    ? entry with { Link = LinksEndpoints.ToResponse(link) }
                    : null,
                _ => null,
            };
            if (resolved is not null)
            {
                entries.Add(resolved);
            }
        }

        return entries;
    }

    /// <summary>What the caller may receive: partner keys by their scope and each article's rights; editors and admins everything.</summary>
    private sealed record PartnerView(bool IsPartner, PartnerScope Scope)
    {
        public static PartnerView Of(ClaimsPrincipal user) => new(!user.CanReadDrafts(), PartnerScope.Of(user));

        public bool MayRepublish(ArticleResponse article) =>
            !IsPartner || (article.Syndication != SyndicationRights.None && Scope.Allows(article.Tags.Select(t => t.Slug), article.Section));

        public bool MayRepublishPartsOf(ArticleResponse? article) =>
            article is not null && MayRepublish(article) && (!IsPartner || article.Syndication == SyndicationRights.Full);

        /// <summary>An article with <c>excerpt</c> rights goes to partners without its body.</summary>
        public ArticleResponse Shape(ArticleResponse article) => IsPartner && article.Syndication == SyndicationRights.Excerpt
            ? article with { Body = new ArticleBodyResponse(null, null, null) }
            : article;
    }
}
