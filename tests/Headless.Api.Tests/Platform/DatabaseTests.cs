using System.Net;
using Dapper;
using Headless.Api.Common.Database;
using Headless.Api.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Headless.Api.Tests.Platform;

public sealed class DatabaseTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Start_applies_every_migration_in_wal_mode()
    {
        (await factory.Anonymous().GetAsync("/health/ready")).EnsureSuccessStatusCode();
        await using var connection = new SqliteConnection($"Data Source={factory.DatabasePath}");
        await connection.OpenAsync();
        Assert.Equal(Migrator.LoadMigrations().Max(m => m.Number), await connection.ExecuteScalarAsync<long>("PRAGMA user_version"));
        Assert.Equal("wal", await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
    }

    [Fact]
    public async Task Every_row_has_created_updated_and_a_version_that_increases()
    {
        var admin = factory.Admin();
        var slug = Http.UniqueSlug("db");
        var created = await (await admin.PostJson("/v1/tags", new { name = "Versioned", slug })).AssertOk(HttpStatusCode.Created);
        var id = created["id"]!.GetValue<long>();
        var updated = await (await admin.PutCurrent($"/v1/tags/{id}", new { name = "Versioned again" })).AssertOk();

        await using var connection = new SqliteConnection($"Data Source={factory.DatabasePath}");
        var row = await connection.QuerySingleAsync<(string CreatedAt, string UpdatedAt, long Version)>(
            "SELECT created_at, updated_at, version FROM tags WHERE id = @id", new { id });
        Assert.Equal(2, row.Version);
        Assert.Equal(2, updated["version"]!.GetValue<long>());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$", row.CreatedAt);
        Assert.True(string.CompareOrdinal(row.UpdatedAt, row.CreatedAt) >= 0);
    }
}

/// <summary>A restart on the same file keeps the data and does not load the demo content twice.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task Restart_keeps_data_and_loads_demo_content_only_once()
    {
        var path = Path.Combine(Path.GetTempPath(), "headless-tests", Guid.NewGuid().ToString("N"), "restart.db");
        try
        {
            string slug;
            await using (var first = new FileFactory(path))
            {
                var list = await (await first.Anonymous().GetAsync("/v1/articles")).AssertOk();
                Assert.Single(list["data"]!.AsArray());
                slug = list["data"]![0]!["slug"]!.GetValue<string>();
                await (await first.Admin().PostJson("/v1/tags", new { name = "Kept across restarts", slug = "kept-across-restarts" })).AssertOk(HttpStatusCode.Created);
            }

            await using (var second = new FileFactory(path))
            {
                var list = await (await second.Anonymous().GetAsync("/v1/articles")).AssertOk();
                Assert.Equal(slug, Assert.Single(list["data"]!.AsArray())!["slug"]!.GetValue<string>());
                await (await second.Anonymous().GetAsync("/v1/tags/slug/kept-across-restarts")).AssertOk();
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    private sealed class FileFactory(string path) : ApiFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
            [new("ConnectionStrings:Headless", $"Data Source={path}"), new("Headless:DemoContent", "true")];
    }
}
