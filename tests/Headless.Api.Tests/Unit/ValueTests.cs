using Dapper;
using Headless.Api.Common.Database;
using Headless.Api.Common.Text;
using Headless.Api.Features.Articles;
using Microsoft.Data.Sqlite;

namespace Headless.Api.Tests.Unit;

public sealed class ValueTests
{
    [Fact]
    public async Task Instants_round_trip_through_sqlite_as_fixed_width_utc_text()
    {
        UtcInstant.RegisterDapperHandler();
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await connection.ExecuteAsync("CREATE TABLE t (at TEXT NOT NULL)");
        var instant = new DateTimeOffset(2026, 11, 20, 11, 30, 0, 123, TimeSpan.FromHours(2)).AddTicks(4567);
        await connection.ExecuteAsync("INSERT INTO t (at) VALUES (@instant)", new { instant });

        Assert.Equal("2026-11-20T09:30:00.1234567Z", await connection.ExecuteScalarAsync<string>("SELECT at FROM t"));
        var read = await connection.QuerySingleAsync<DateTimeOffset>("SELECT at FROM t");
        Assert.Equal(instant, read);
        Assert.Equal(TimeSpan.Zero, read.Offset);
        var nullable = await connection.QuerySingleAsync<DateTimeOffset?>("SELECT at FROM t");
        Assert.Equal(instant, nullable);
    }

    [Theory]
    [InlineData("https://example.com/a?b=c", true)]
    [InlineData("http://example.com", true)]
    [InlineData("/articles/x", false)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("ftp://example.com/file", false)]
    [InlineData("https://exa mple.com", false)]
    [InlineData("https://", false)]
    public void IsAbsoluteHttp(string url, bool expected) => Assert.Equal(expected, Urls.IsAbsoluteHttp(url));

    [Theory]
    [InlineData("/articles/x", true)]
    [InlineData("//evil.example/x", false)]
    [InlineData("/\\evil.example", false)]
    [InlineData("articles/x", false)]
    [InlineData("/a b", false)]
    public void IsSiteRelative(string url, bool expected) => Assert.Equal(expected, Urls.IsSiteRelative(url));

    [Theory]
    [InlineData("en", true)]
    [InlineData("es-MX", true)]
    [InlineData("zh-Hant-TW", true)]
    [InlineData("es-419", true)]
    [InlineData("english", false)]
    [InlineData("en_US", false)]
    [InlineData("e", false)]
    [InlineData("en-", false)]
    public void IsLanguageTag(string tag, bool expected) => Assert.Equal(expected, Urls.IsLanguageTag(tag));

    [Theory]
    [InlineData(null, BodyFormats.Html)]
    [InlineData("", BodyFormats.Html)]
    [InlineData("text", BodyFormats.Text)]
    [InlineData("HTML, markdown", BodyFormats.Html | BodyFormats.Markdown)]
    public void Formats_parse(string? text, BodyFormats expected)
    {
        Assert.True(BodyFormatsParser.TryParse(text, out var formats));
        Assert.Equal(expected, formats);
    }

    [Theory]
    [InlineData("pdf")]
    [InlineData("html,")]
    [InlineData(",")]
    public void Unknown_formats_do_not_parse(string text) => Assert.False(BodyFormatsParser.TryParse(text, out _));
}
