using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Dapper;
using FluentValidation;
using Headless.Api.Common.Database;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Headless.Api.Common.Http;

/// <summary>A page of a list: the items and how to get the next page.</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <param name="Data">The items on this page.</param>
/// <param name="Page">How to ask for the next page.</param>
public sealed record ListResponse<T>(IReadOnlyList<T> Data, PageInfo Page) : IListPage
{
    IEnumerable<object> IListPage.Items => Data.Cast<object>();

    string? IListPage.Next => Page.Next;
}

/// <summary>Paging information of a list response.</summary>
/// <param name="Limit">The most items a page holds.</param>
/// <param name="Next">The opaque cursor of the next page (pass it as <c>cursor</c>), or null when this is the last one.</param>
/// <param name="Total">With <c>count=true</c> only: how many items the whole list holds.</param>
public sealed record PageInfo(
    int Limit,
    string? Next,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Total = null);

/// <summary>The query parameters every list takes: <c>limit</c>, <c>cursor</c> and <c>count</c>.</summary>
public interface IPagedQuery
{
    int? Limit { get; }

    string? Cursor { get; }

    bool? Count { get; }
}

/// <summary>The paging parameters every list's query class inherits.</summary>
public abstract class PagedQuery : IPagedQuery
{
    /// <summary>Items per page, 1-100 (default 20).</summary>
    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "limit")] public int? Limit { get; init; }

    /// <summary>The opaque cursor from the previous page's <c>page.next</c>; leave out for the first page.</summary>
    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "cursor")] public string? Cursor { get; init; }

    /// <summary><c>true</c> adds the exact <c>page.total</c> (it costs a count, so only on request).</summary>
    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "count")] public bool? Count { get; init; }
}

/// <summary>Where a keyset page starts: after the row whose sort values these are.</summary>
/// <param name="Sort">The sort the cursor was made for.</param>
/// <param name="Values">The sort key values of the last row of the previous page (strings, integers and, for relevance, doubles).</param>
public sealed record CursorPosition(string Sort, IReadOnlyList<object> Values);

/// <summary>A resolved page request: the store fetches one row more than the limit to learn whether a next page exists.</summary>
public sealed record PageRequest(int Limit, CursorPosition? After, bool Count)
{
    public int FetchLimit => Limit + 1;

    /// <summary>The cursor's value at <paramref name="index"/>, or <paramref name="start"/> on the first page.</summary>
    public object Key(int index, object start) => After is null ? start : After.Values[index];
}

/// <summary>
/// Signs and reads list cursors. A cursor is the sort and the last row's sort values, as base64url JSON, with an
/// HMAC-SHA256 tag, so a cursor that was edited, or made for another sort, is refused (400). The key is made once per
/// database and kept in its <c>settings</c> table, so cursors survive restarts.
/// </summary>
public sealed class CursorCodec(Db db)
{
    private byte[]? key;

    public async Task InitializeAsync(CancellationToken ct)
    {
        const string insertSql = "INSERT INTO settings (name, value) VALUES ('cursor_key', @value) ON CONFLICT (name) DO NOTHING";
        const string selectSql = "SELECT value FROM settings WHERE name = 'cursor_key'";
        await using var connection = await db.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(insertSql, new { value = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) }, cancellationToken: ct));
        key = Convert.FromBase64String(await connection.ExecuteScalarAsync<string>(new CommandDefinition(selectSql, cancellationToken: ct)) ?? "");
    }

    private byte[] Key => key ?? throw new InvalidOperationException("The cursor key is not loaded; call InitializeAsync at start-up.");

    public string Encode(string sort, IEnumerable<object> values)
    {
        var array = new JsonArray(JsonValue.Create(sort));
        foreach (var value in values)
        {
            array.Add(value switch
            {
                long number => JsonValue.Create(number),
                int number => JsonValue.Create((long)number),
                double number => JsonValue.Create(number),
                DateTimeOffset instant => JsonValue.Create(UtcInstant.Format(instant)),
                _ => JsonValue.Create(value.ToString()),
            });
        }

        var payload = Encoding.UTF8.GetBytes(array.ToJsonString());
        return $"{Base64Url(payload)}.{Base64Url(Sign(payload))}";
    }

    public bool TryDecode(string cursor, string sort, out CursorPosition? position)
    {
        position = null;
        var dot = cursor.IndexOf('.', StringComparison.Ordinal);
        if (cursor.Length > 2048 || dot <= 0 || !TryFromBase64Url(cursor[..dot], out var payload) || !TryFromBase64Url(cursor[(dot + 1)..], out var tag)
            || !CryptographicOperations.FixedTimeEquals(tag, Sign(payload)))
        {
            return false;
        }

        try
        {
            if (JsonNode.Parse(payload) is not JsonArray array || array.Count < 2 || array[0]?.GetValue<string>() != sort)
            {
                return false;
            }

            var values = array.Skip(1).Select(node => node!.GetValueKind() != JsonValueKind.Number ? node.GetValue<string>()
                : node.AsValue().TryGetValue<long>(out var integer) ? integer : (object)node.GetValue<double>()).ToList();
            position = new CursorPosition(sort, values);
            return true;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return false;
        }
    }

    private byte[] Sign(byte[] payload) => HMACSHA256.HashData(Key, payload)[..16];

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryFromBase64Url(string text, out byte[] bytes)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += (padded.Length % 4) switch { 2 => "==", 3 => "=", _ => "" };
        bytes = [];
        try
        {
            bytes = Convert.FromBase64String(padded);
            // Decoding ignores whitespace and the unused low bits of a last character, so other texts decode to the same
            // bytes: only the one spelling this codec writes counts, so that any edited character is refused.
            return string.Equals(Base64Url(bytes), text, StringComparison.Ordinal);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}

public static class Paging
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    /// <summary>Reads <c>limit</c>, <c>cursor</c> and <c>count</c> for a list in the given sort; a cursor that is not ours, or not for that sort, is a 400.</summary>
    public static bool TryResolve(this IPagedQuery query, CursorCodec codec, string sort, out PageRequest page, out ProblemHttpResult? problem)
    {
        CursorPosition? after = null;
        if (query.Cursor is { Length: > 0 } cursor && !codec.TryDecode(cursor, sort, out after))
        {
            page = new PageRequest(0, null, false);
            problem = TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Invalid cursor",
                detail: "The cursor is not one this API gave out for this list and sort. Start again without a cursor and follow page.next.");
            return false;
        }

        page = new PageRequest(query.Limit ?? DefaultLimit, after, query.Count == true);
        problem = null;
        return true;
    }

    /// <summary>Builds a list response from rows fetched with <see cref="PageRequest.FetchLimit"/>: the extra row says a next page exists, and the last shown row's sort key becomes the cursor.</summary>
    public static ListResponse<TOut> ToPage<TRow, TOut>(IReadOnlyList<TRow> rowsPlusOne, PageRequest page, CursorCodec codec, string sort, Func<TRow, IEnumerable<object>> sortKey, Func<TRow, TOut> map, long? total = null)
    {
        var rows = rowsPlusOne.Take(page.Limit).ToList();
        var next = rowsPlusOne.Count > page.Limit ? codec.Encode(sort, sortKey(rows[^1])) : null;
        return new ListResponse<TOut>(rows.Select(map).ToList(), new PageInfo(page.Limit, next, total));
    }
}

/// <summary>The rules of <c>limit</c> (and the size of <c>cursor</c>), included by every list's query validator.</summary>
public sealed class PagedQueryValidator : AbstractValidator<IPagedQuery>
{
    public PagedQueryValidator()
    {
        RuleFor(x => x.Limit).InclusiveBetween(1, Paging.MaxLimit);
        RuleFor(x => x.Cursor).MaximumLength(2048);
    }
}
