using FluentValidation;

namespace Headless.Api.Common.Http;

/// <summary>A page of a list: the items and how to get the next page.</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <param name="Data">The items on this page.</param>
/// <param name="Page">Where this page is and how to ask for the next one.</param>
public sealed record ListResponse<T>(IReadOnlyList<T> Data, PageInfo Page);

/// <summary>Paging information of a list response.</summary>
/// <param name="Limit">The most items a page holds.</param>
/// <param name="Page">This page's number, from 1.</param>
/// <param name="Next">The number of the next page, or null when this is the last one.</param>
public sealed record PageInfo(int Limit, int Page, int? Next);

/// <summary>The query parameters every list takes (<c>limit</c> and <c>page</c>).</summary>
public interface IPagedQuery
{
    int? Limit { get; }

    int? Page { get; }
}

/// <summary>A resolved page request: the store fetches one row more than the limit to learn whether a next page exists.</summary>
public sealed record PageRequest(int Limit, int Page)
{
    public int FetchLimit => Limit + 1;

    public int Offset => (Page - 1) * Limit;
}

public static class Paging
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;
    public const int MaxPage = 100_000;

    public static PageRequest Resolve(this IPagedQuery query) => new(query.Limit ?? DefaultLimit, query.Page ?? 1);

    /// <summary>Builds a list response from rows fetched with <see cref="PageRequest.FetchLimit"/>.</summary>
    public static ListResponse<TOut> ToPage<TRow, TOut>(IReadOnlyList<TRow> rowsPlusOne, PageRequest page, Func<TRow, TOut> map)
    {
        var hasNext = rowsPlusOne.Count > page.Limit;
        var items = rowsPlusOne.Take(page.Limit).Select(map).ToList();
        return new ListResponse<TOut>(items, new PageInfo(page.Limit, page.Page, hasNext ? page.Page + 1 : null));
    }
}

/// <summary>The rules of <c>limit</c> and <c>page</c>, included by every list's query validator.</summary>
public sealed class PagedQueryValidator : AbstractValidator<IPagedQuery>
{
    public PagedQueryValidator()
    {
        RuleFor(x => x.Limit).InclusiveBetween(1, Paging.MaxLimit);
        RuleFor(x => x.Page).InclusiveBetween(1, Paging.MaxPage);
    }
}
