using System.Text.Json.Serialization;
using Headless.Api.Features.Articles;
using Headless.Api.Features.Links;
using Headless.Api.Features.Quotes;
using Headless.Api.Features.Tags;
using Microsoft.AspNetCore.Mvc;

namespace Headless.Api.Features.Changes;

/// <summary>What happened to a resource.</summary>
public enum ChangeType
{
    /// <summary>Created or changed and visible: the entry carries the resource as it is now.</summary>
    Upsert,

    /// <summary>Deleted.</summary>
    Deleted,

    /// <summary>An article went back to draft or scheduled.</summary>
    Unpublished,

    /// <summary>An article's rights window (<c>expiresAt</c>) ended.</summary>
    Expired,

    /// <summary>An article was archived.</summary>
    Archived,

    /// <summary>For partner keys: the article changed but may no longer be republished by this key (its syndication is <c>none</c>, or it left the key's tags or sections).</summary>
    Withdrawn,
}

/// <summary>The kinds of resource the change feed follows.</summary>
public enum ChangeKind
{
    /// <summary>An article.</summary>
    Article,

    /// <summary>A tag.</summary>
    Tag,

    /// <summary>A quote.</summary>
    Quote,

    /// <summary>A related link.</summary>
    Link,
}

/// <summary>One change, in commit order.</summary>
/// <param name="Seq">Its sequence number: increases with every change, in the order the changes were committed.</param>
/// <param name="Type">What happened: <c>upsert</c> or a tombstone (<c>deleted</c>, <c>unpublished</c>, <c>expired</c>, <c>archived</c>, <c>withdrawn</c>).</param>
/// <param name="Kind">What changed: <c>article</c>, <c>tag</c>, <c>quote</c> or <c>link</c>.</param>
/// <param name="Id">The resource's id.</param>
/// <param name="ArticleId">For articles, quotes and links: the article it is or belongs to.</param>
/// <param name="At">When the change was made (UTC).</param>
/// <param name="Article">For article upserts: the article as it is now (full HTML body where its rights allow; none for <c>excerpt</c> rights).</param>
/// <param name="Tag">For tag upserts: the tag as it is now.</param>
/// <param name="Quote">For quote upserts: the quote as it is now.</param>
/// <param name="Link">For link upserts: the link as it is now.</param>
public sealed record ChangeEntry(
    long Seq,
    ChangeType Type,
    ChangeKind Kind,
    long Id,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? ArticleId,
    DateTimeOffset At,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ArticleResponse? Article = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] TagResponse? Tag = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] QuoteResponse? Quote = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] LinkResponse? Link = null);

/// <summary>A page of the change feed.</summary>
/// <param name="Data">The changes after <c>since</c>, oldest first.</param>
/// <param name="Next">The cursor to pass as <c>since</c> next time: always there, also when the page is empty.</param>
/// <param name="HasMore">True when more changes are waiting now (ask again at once); false when this page reached the present.</param>
public sealed record ChangeFeedResponse(IReadOnlyList<ChangeEntry> Data, string Next, bool HasMore);

/// <summary>Query parameters of the change feed.</summary>
public sealed class ChangesQuery
{
    /// <summary>The <c>next</c> cursor of the previous call; leave out to start from the first change.</summary>
    [FromQuery(Name = "since")] public string? Since { get; init; }

    /// <summary>Kinds to return, comma-separated: <c>article</c>, <c>tag</c>, <c>quote</c>, <c>link</c> (default all). May change from call to call.</summary>
    [FromQuery(Name = "types")] public string? Types { get; init; }

    /// <summary>Changes per page, 1-1000 (default 100).</summary>
    [FromQuery(Name = "limit")] public int? Limit { get; init; }
}
