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

public static class Paging
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;
    public const int MaxPage = 100_000;

    /// <summary>Builds a list response from rows fetched with one more than the limit (the extra row says there is a next page).</summary>
    public static ListResponse<TOut> ToPage<TRow, TOut>(IReadOnlyList<TRow> rowsPlusOne, int limit, int page, Func<TRow, TOut> map)
    {
        var hasNext = rowsPlusOne.Count > limit;
        var items = rowsPlusOne.Take(limit).Select(map).ToList();
        return new ListResponse<TOut>(items, new PageInfo(limit, page, hasNext ? page + 1 : null));
    }

    public static int Offset(int limit, int page) => (page - 1) * limit;
}
