using System.Net;
using Headless.Api.Tests.Articles;
using Headless.Api.Tests.Infrastructure;
using Headless.Api.Tests.Quotes;
using Headless.Api.Tests.Tags;
using Microsoft.Data.Sqlite;
using static Headless.Api.Tests.Search.SearchHttp;

namespace Headless.Api.Tests.Search;

/// <summary>The search indexes follow every write, whichever way it is made, and stay consistent (FTS5 integrity-check).</summary>
public sealed class SearchIndexTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Replacing_an_article_replaces_what_finds_it()
    {
        var admin = factory.Admin();
        var (before, after) = (Word(), Word());
        var article = await admin.CreateArticleWith($"{before} headline", body: $"Body of {before}.");

        var put = await admin.PutCurrent($"/v1/articles/{article.Id()}", new { headline = $"{after} headline", body = "Body without it." });
        await put.AssertOk();

        Assert.Empty((await factory.Anonymous().Search(before))["data"]!.AsArray());
        Assert.Equal([article.Id()], (await factory.Anonymous().Search(after)).ArticleIds());
        await AssertIndexesConsistent();
    }

    [Fact]
    public async Task Merge_patch_of_the_dek_is_searchable_at_once()
    {
        var admin = factory.Admin();
        var word = Word();
        var article = await admin.CreateArticleWith("Patched");

        var patch = await admin.PatchMerge($"/v1/articles/{article.Id()}", new { dek = $"Now about {word}" });
        await patch.AssertOk();

        Assert.Equal([article.Id()], (await factory.Anonymous().Search(word)).ArticleIds());
    }

    [Fact]
    public async Task Deleting_an_article_removes_it_and_its_quotes()
    {
        var admin = factory.Admin();
        var word = Word();
        var article = await admin.CreateArticleWith($"{word} to delete", tags: [$"{word}-t"]);
        await admin.CreateQuote(article.Id(), text: $"Quote on {word}.");

        (await admin.DeleteCurrent($"/v1/articles/{article.Id()}")).EnsureSuccessStatusCode();

        Assert.Empty((await admin.Search(word))["data"]!.AsArray());
        await AssertIndexesConsistent();
    }

    [Fact]
    public async Task Unpublishing_hides_an_article_from_anonymous_search()
    {
        var admin = factory.Admin();
        var word = Word();
        var article = await admin.CreateArticleWith($"{word} withdrawn");
        var etag = await admin.CurrentETag($"/v1/articles/{article.Id()}");

        var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/articles/{article.Id()}/unpublish");
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        (await admin.SendAsync(request)).EnsureSuccessStatusCode();

        Assert.Empty((await factory.Anonymous().Search(word))["data"]!.AsArray());
        Assert.Equal([article.Id()], (await admin.Search(word)).ArticleIds());
    }

    [Fact]
    public async Task Tag_renames_and_deletes_follow_into_the_article_index()
    {
        var admin = factory.Admin();
        var (oldName, newName) = (Word(), Word());
        var tag = await admin.CreateTag(name: $"{oldName} affairs");
        var slug = tag["slug"]!.GetValue<string>();
        var article = await admin.CreateArticleWith("Tag follows", tags: [slug]);

        Assert.Equal([article.Id()], (await factory.Anonymous().Search(oldName)).ArticleIds());

        (await admin.PutCurrent($"/v1/tags/{tag.Id()}", new { name = $"{newName} affairs", slug })).EnsureSuccessStatusCode();
        Assert.Empty((await factory.Anonymous().Search(oldName))["data"]!.AsArray());
        Assert.Equal([article.Id()], (await factory.Anonymous().Search(newName)).ArticleIds());

        (await admin.DeleteCurrent($"/v1/tags/{tag.Id()}")).EnsureSuccessStatusCode();
        Assert.Empty((await factory.Anonymous().Search(newName))["data"]!.AsArray());
        await AssertIndexesConsistent();
    }

    [Fact]
    public async Task Changing_an_articles_tags_reindexes_it()
    {
        var admin = factory.Admin();
        var (first, second) = (Word(), Word());
        var article = await admin.CreateArticleWith("Retagged", tags: [$"{first}-x"]);

        (await admin.PatchMerge($"/v1/articles/{article.Id()}", new { tags = new[] { $"{second}-x" } })).EnsureSuccessStatusCode();

        Assert.Empty((await factory.Anonymous().Search(first))["data"]!.AsArray());
        Assert.Equal([article.Id()], (await factory.Anonymous().Search(second)).ArticleIds());
    }

    [Fact]
    public async Task Quote_updates_and_deletes_follow_into_the_quote_index()
    {
        var admin = factory.Admin();
        var (before, after) = (Word(), Word());
        var article = await admin.CreateArticleWith("Quoted");
        var quote = await admin.CreateQuote(article.Id(), text: $"First {before}.");

        (await admin.PutCurrent($"/v1/quotes/{quote.Id()}", new { text = $"Then {after}.", speaker = "Someone Else" })).EnsureSuccessStatusCode();
        Assert.Empty((await factory.Anonymous().Search(before))["data"]!.AsArray());
        Assert.Equal([quote.Id()], (await factory.Anonymous().Search(after)).QuoteIds());

        (await admin.DeleteCurrent($"/v1/quotes/{quote.Id()}")).EnsureSuccessStatusCode();
        Assert.Empty((await factory.Anonymous().Search(after))["data"]!.AsArray());
        await AssertIndexesConsistent();
    }

    [Fact]
    public async Task Restoring_a_revision_restores_what_finds_it()
    {
        var admin = factory.Admin();
        var (original, replaced) = (Word(), Word());
        var article = await admin.CreateArticleWith($"{original} first");
        (await admin.PatchMerge($"/v1/articles/{article.Id()}", new { headline = $"{replaced} second" })).EnsureSuccessStatusCode();
        var etag = await admin.CurrentETag($"/v1/articles/{article.Id()}");

        var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/articles/{article.Id()}/revisions/1/restore");
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        var response = await admin.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());

        Assert.Equal([article.Id()], (await factory.Anonymous().Search(original)).ArticleIds());
        Assert.Empty((await factory.Anonymous().Search(replaced))["data"]!.AsArray());
    }

    private async Task AssertIndexesConsistent()
    {
        await using var connection = new SqliteConnection($"Data Source={factory.DatabasePath};Pooling=false");
        await connection.OpenAsync();
        foreach (var table in new[] { "article_search", "quote_search", "search_suggestions" })
        {
            await using var command = connection.CreateCommand();
            // Fails with SQLITE_CORRUPT_VTAB when the index and its content disagree.
            command.CommandText = $"INSERT INTO {table} ({table}) VALUES ('integrity-check')";
            await command.ExecuteNonQueryAsync();
        }

        await using var speakers = connection.CreateCommand();
        speakers.CommandText = """
            SELECT COUNT(*) FROM (
                SELECT speaker, COUNT(*) AS n FROM quotes GROUP BY speaker
                EXCEPT SELECT speaker, quote_count FROM quote_speakers)
            """;
        Assert.Equal(0L, (long)(await speakers.ExecuteScalarAsync())!);
    }
}
