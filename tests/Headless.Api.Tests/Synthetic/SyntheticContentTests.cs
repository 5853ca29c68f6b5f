using System.Text.Json.Nodes;
using Dapper;
using Headless.Api.Features.Articles;
using Headless.Api.Features.Synthetic;
using Headless.Api.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Headless.Api.Tests.Synthetic;

/// <summary>The load tests' seeder (<c>seed-synthetic</c>): what it writes is what the API would have written.</summary>
public sealed class SyntheticContentTests
{
    [Fact]
    public async Task Seeding_fills_a_new_database_the_api_serves_and_a_second_run_refuses()
    {
        var path = Path.Combine(Path.GetTempPath(), "headless-tests", Guid.NewGuid().ToString("N"), "synthetic.db");
        try
        {
            var seeded = await SyntheticContent.SeedAsync(path, 200, seed: 7, DateTimeOffset.UtcNow, CancellationToken.None);
            Assert.False(seeded.Refused);
            Assert.Equal(200, seeded.Articles);
            Assert.Equal(300, seeded.Tags);

            ArticleRow row;
            await using (var connection = new SqliteConnection($"Data Source={path}"))
            {
                Assert.Equal(200, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM articles WHERE status = 'published' AND version = 1"));
                Assert.Equal(200, await connection.ExecuteScalarAsync<long>("SELECT COUNT(DISTINCT published_at) FROM articles"));
                Assert.Equal(seeded.ArticleTags, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM article_tags"));
                Assert.Equal(seeded.Quotes, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM quotes"));
                Assert.Equal(seeded.Links, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM links"));
                Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM articles WHERE updated_at < published_at OR substantive_update_at <> published_at"));
                Assert.InRange(await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM links WHERE target_article_id IS NOT NULL"), 1, seeded.Links - 1);
                Assert.Equal("wal", await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
                row = await connection.QuerySingleAsync<ArticleRow>(
                    "SELECT id, slug, body_html AS BodyHtml, word_count AS WordCount FROM articles WHERE id = (SELECT article_id FROM quotes ORDER BY id LIMIT 1)");
            }

            await using (var factory = new FileFactory(path))
            {
                var client = factory.Anonymous();
                var article = await (await client.GetAsync($"/v1/articles/slug/{row.Slug}?formats=html,text")).AssertOk();
                Assert.Equal(row.Id, article["id"]!.GetValue<long>());
                Assert.Equal(row.BodyHtml, article["body"]!["html"]!.GetValue<string>());
                Assert.Equal(row.WordCount, article["wordCount"]!.GetValue<int>());
                Assert.InRange(article["tags"]!.AsArray().Count, 1, 6);

                var quotes = await (await client.GetAsync($"/v1/articles/{row.Id}/quotes")).AssertOk();
                Assert.NotEmpty(quotes["data"]!.AsArray());

                var list = await (await client.GetAsync("/v1/articles?limit=100")).AssertOk();
                var published = list["data"]!.AsArray().Select(a => a!["publishedAt"]!.GetValue<DateTimeOffset>()).ToList();
                Assert.Equal(100, published.Count);
                Assert.Equal(published.OrderByDescending(p => p), published);
            }

            var again = await SyntheticContent.SeedAsync(path, 200, seed: 7, DateTimeOffset.UtcNow, CancellationToken.None);
            Assert.True(again.Refused);
            Assert.Equal(200, again.ExistingArticles);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Fact]
    public void Generated_bodies_are_what_the_renderer_makes_of_their_markdown()
    {
        var generator = new SyntheticArticleGenerator(seed: 3, articleCount: 300, DateTimeOffset.UtcNow);
        var renderer = new ArticleBodyRenderer();
        for (var id = 1; id <= 300; id++)
        {
            var article = generator.Create(id);
            var rendered = renderer.Render(article.BodyMarkdown, null);
            Assert.Equal(rendered.Html, article.BodyHtml);
            Assert.Equal(rendered.Text, article.BodyText);
            Assert.Equal(rendered.Excerpt, article.Excerpt);
            Assert.Equal(rendered.WordCount, article.WordCount);
        }
    }

    [Fact]
    public void The_same_seed_and_clock_make_the_same_articles()
    {
        var now = DateTimeOffset.UtcNow;
        var first = new SyntheticArticleGenerator(seed: 5, articleCount: 20, now);
        var second = new SyntheticArticleGenerator(seed: 5, articleCount: 20, now);
        for (var id = 1; id <= 20; id++)
        {
            var (a, b) = (first.Create(id), second.Create(id));
            Assert.Equal((a.Slug, a.BodyMarkdown, a.PublishedAt), (b.Slug, b.BodyMarkdown, b.PublishedAt));
        }
    }

    private sealed class FileFactory(string path) : ApiFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("ConnectionStrings:Headless", $"Data Source={path}")];
    }
}
