using System.Diagnostics;
using System.Globalization;
using Headless.Api.Common.Database;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Headless.Api.Features.Synthetic;

/// <summary>What a seeding run did; <see cref="ExistingArticles"/> above zero means it refused and wrote nothing.</summary>
public sealed record SeedResult(long ExistingArticles, int Articles, int Tags, int ArticleTags, int Quotes, int Links, TimeSpan Elapsed)
{
    public bool Refused => ExistingArticles > 0;
}

/// <summary>
/// <c>seed-synthetic</c>: fills a database without articles with many realistic published articles, their tags,
/// quotes and links, for load tests (<c>tests/load/</c>). Writes straight to SQLite in one transaction with
/// prepared commands; the stores and the renderer would take many minutes for 100,000 articles.
/// </summary>
public static class SyntheticContent
{
    public const int DefaultSeed = 20260101;
    public const int ExitRefused = 2;
    public const int ExitUsage = 64;

    private const string Usage = "usage: seed-synthetic --database PATH [--articles N (default 100000)] [--seed N (default 20260101)]";

    /// <summary>Runs the command line; answers the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        string? database = null;
        var articles = 100_000;
        var seed = DefaultSeed;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--database" when value is not null:
                    database = value;
                    break;
                case "--articles" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= 10_000_000:
                    articles = n;
                    break;
                case "--seed" when int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var s):
                    seed = s;
                    break;
                default:
                    await Console.Error.WriteLineAsync($"seed-synthetic: cannot use '{args[i]}'{(value is null ? "" : $" '{value}'")}.\n{Usage}");
                    return ExitUsage;
            }

            i++;
        }

        if (database is null)
        {
            await Console.Error.WriteLineAsync($"seed-synthetic: --database is required.\n{Usage}");
            return ExitUsage;
        }

        var result = await SeedAsync(database, articles, seed, TimeProvider.System.GetUtcNow(), CancellationToken.None);
        if (result.Refused)
        {
            await Console.Error.WriteLineAsync(
                $"seed-synthetic: {Path.GetFullPath(database)} already has {result.ExistingArticles} articles; it only fills a database without any. Nothing was written.");
            return ExitRefused;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seed-synthetic: {result.Articles} articles, {result.Tags} tags, {result.ArticleTags} article tags, {result.Quotes} quotes, {result.Links} links into {Path.GetFullPath(database)} in {result.Elapsed.TotalSeconds:F1} s"));
        return 0;
    }

    /// <summary>Creates or migrates the database, then fills it unless it already has articles.</summary>
    public static async Task<SeedResult> SeedAsync(string databasePath, int articleCount, int seed, DateTimeOffset now, CancellationToken ct)
    {
        var stopwatch = Stopwatch.StartNew();
        var db = new Db(new SqliteConnectionStringBuilder { DataSource = databasePath }.ToString());
        await new Migrator(db, NullLogger<Migrator>.Instance).MigrateAsync(ct);
        // Leaving WAL below needs the only connection to the file: the migrator's waits in the pool.
        SqliteConnection.ClearPool(new SqliteConnection(db.ConnectionString));

        // A connection of its own, outside the pool, so the fast and unsafe settings below never reach another user.
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder(db.ConnectionString) { Pooling = false }.ToString());
        await connection.OpenAsync(ct);
        var existing = (long)(await Scalar(connection, "SELECT COUNT(*) FROM articles"))!;
        if (existing > 0)
        {
            return new SeedResult(existing, 0, 0, 0, 0, 0, stopwatch.Elapsed);
        }

        // SQLite-only. A rollback journal in memory instead of WAL for the one big transaction: WAL would first copy
        // every new page to the log, then into the file. A crash mid-way leaves a file to delete, which is fine here.
        // Foreign keys off lets an article's tags go in before the article: the triggers that keep the search index
        // (migration 0005) then index each article once, with its tag names, instead of once per tag.
        await Execute(connection, "PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF; PRAGMA cache_size = -131072; PRAGMA temp_store = MEMORY; PRAGMA foreign_keys = OFF;");
        var generator = new SyntheticArticleGenerator(seed, articleCount, now);
        SeedResult result;
        await using (var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct))
        {
            var writer = new Writer(connection, transaction, UtcInstant.Format(now));
            var tagIds = generator.Tags.Select(writer.Tag).ToArray();
            var tagNames = generator.Tags.Select(t => t.Name).ToArray();
            int articleTags = 0, quotes = 0, links = 0;
            for (var id = 1L; id <= articleCount; id++)
            {
                if (id % 1000 == 0)
                {
                    ct.ThrowIfCancellationRequested();
                }

                var article = generator.Create(id);
                writer.Article(article, tagIds, tagNames);
                articleTags += article.TagIndexes.Count;
                quotes += article.Quotes.Count;
                links += article.Links.Count;
            }

            var violations = await Scalar(connection, "SELECT COUNT(*) FROM pragma_foreign_key_check", transaction);
            if (violations is not 0L)
            {
                throw new InvalidOperationException($"Seeding left {violations} rows that break foreign keys; nothing was written.");
            }

            await transaction.CommitAsync(ct);
            result = new SeedResult(0, articleCount, tagIds.Length, articleTags, quotes, links, TimeSpan.Zero);
        }

        await Execute(connection, "PRAGMA journal_mode = WAL;");
        return result with { Elapsed = stopwatch.Elapsed };
    }

    private static async Task<object?> Scalar(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    private static async Task Execute(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// One prepared command per table, its parameters re-bound for every row. Synchronous on purpose: SQLite does
    /// no I/O asynchronously, and a Task per row of 800,000 is measurable.
    /// </summary>
    private sealed class Writer
    {
        private readonly SqliteCommand tag;
        private readonly SqliteCommand tagId;
        private readonly SqliteCommand article;
        private readonly SqliteCommand articleTag;
        private readonly SqliteCommand quote;
        private readonly SqliteCommand link;
        private readonly string now;

        public Writer(SqliteConnection connection, SqliteTransaction transaction, string now)
        {
            this.now = now;
            tag = Command(connection, transaction, """
                INSERT INTO tags (slug, name, description, created_at, updated_at, version)
                VALUES (@slug, @name, @description, @now, @now, 1)
                ON CONFLICT (slug) DO NOTHING
                """, "@slug", "@name", "@description", "@now");
            tagId = Command(connection, transaction, "SELECT id FROM tags WHERE slug = @slug", "@slug");
            article = Command(connection, transaction, """
                INSERT INTO articles (id, slug, headline, dek, body_markdown, body_html, body_text, excerpt, section, byline, language,
                    canonical_url, featured_image_url, featured_image_alt, featured_image_caption, featured_image_credit,
                    status, published_at, scheduled_at, expires_at, substantive_update_at, word_count, created_at, updated_at, version, tag_names)
                VALUES (@id, @slug, @headline, @dek, @bodyMarkdown, @bodyHtml, @bodyText, @excerpt, @section, @byline, @language,
                    NULL, @imageUrl, @imageAlt, @imageCaption, @imageCredit,
                    'published', @publishedAt, NULL, NULL, @publishedAt, @wordCount, @createdAt, @updatedAt, 1, @tagNames)
                """, "@id", "@slug", "@headline", "@dek", "@bodyMarkdown", "@bodyHtml", "@bodyText", "@excerpt", "@section", "@byline",
                "@language", "@imageUrl", "@imageAlt", "@imageCaption", "@imageCredit", "@publishedAt", "@wordCount", "@createdAt", "@updatedAt", "@tagNames");
            articleTag = Command(connection, transaction,
                "INSERT INTO article_tags (article_id, tag_id, position) VALUES (@articleId, @tagId, @position)",
                "@articleId", "@tagId", "@position");
            quote = Command(connection, transaction, """
                INSERT INTO quotes (article_id, text, speaker, speaker_role, context, position, created_at, updated_at, version)
                VALUES (@articleId, @text, @speaker, @speakerRole, @context, @position, @createdAt, @createdAt, 1)
                """, "@articleId", "@text", "@speaker", "@speakerRole", "@context", "@position", "@createdAt");
            link = Command(connection, transaction, """
                INSERT INTO links (article_id, kind, title, url, target_article_id, position, after_paragraph, created_at, updated_at, version)
                VALUES (@articleId, @kind, @title, @url, @targetArticleId, @position, @afterParagraph, @createdAt, @createdAt, 1)
                """, "@articleId", "@kind", "@title", "@url", "@targetArticleId", "@position", "@afterParagraph", "@createdAt");
        }

        /// <summary>Inserts the tag unless its slug exists, and answers its id either way.</summary>
        public long Tag(SyntheticTag value)
        {
            Run(tag, value.Slug, value.Name, value.Description, now);
            tagId.Parameters[0].Value = value.Slug;
            return (long)tagId.ExecuteScalar()!;
        }

        public void Article(SyntheticArticle a, long[] tagIds, string[] tagNames)
        {
            // Tags first (foreign keys are off): their triggers find no article yet, and the article goes in with the
            // tag names the triggers would have written (in position order, space-separated).
            for (var i = 0; i < a.TagIndexes.Count; i++)
            {
                Run(articleTag, a.Id, tagIds[a.TagIndexes[i]], i);
            }

            var published = UtcInstant.Format(a.PublishedAt);
            Run(article, a.Id, a.Slug, a.Headline, a.Dek, a.BodyMarkdown, a.BodyHtml, a.BodyText, a.Excerpt, a.Section, a.Byline,
                a.Language, a.ImageUrl, a.ImageAlt, a.ImageCaption, a.ImageCredit, published, a.WordCount,
                UtcInstant.Format(a.CreatedAt), UtcInstant.Format(a.UpdatedAt), string.Join(' ', a.TagIndexes.Select(i => tagNames[i])));

            for (var i = 0; i < a.Quotes.Count; i++)
            {
                var q = a.Quotes[i];
                Run(quote, a.Id, q.Text, q.Speaker, q.SpeakerRole, q.Context, i + 1, published);
            }

            for (var i = 0; i < a.Links.Count; i++)
            {
                var l = a.Links[i];
                Run(link, a.Id, l.Kind, l.Title, l.Url, l.TargetId, i + 1, l.AfterParagraph, published);
            }
        }

        private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] names)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            foreach (var name in names)
            {
                command.Parameters.Add(new SqliteParameter(name, null));
            }

            command.Prepare();
            return command;
        }

        private static void Run(SqliteCommand command, params object?[] values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters[i].Value = values[i] ?? DBNull.Value;
            }

            command.ExecuteNonQuery();
        }
    }
}
