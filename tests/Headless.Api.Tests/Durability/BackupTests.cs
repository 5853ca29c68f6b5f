using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Headless.Api.Common.Database;
using Headless.Api.Features.Backups;
using Headless.Api.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Headless.Api.Tests.Durability;

/// <summary>The backup command's copy and the export/import round trip, each restored into an API of its own.</summary>
public sealed class BackupTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "headless-tests", Guid.NewGuid().ToString("N"));

    public BackupTests() => Directory.CreateDirectory(directory);

    [Fact]
    public async Task Backup_while_writes_happen_restores_into_an_api_that_serves_the_content()
    {
        var backup = Path.Combine(directory, "backup.db");
        string slug;
        List<string> acknowledgedBeforeBackup = [];
        await using (var live = new ApiFactory())
        {
            var admin = live.Admin();
            slug = Http.UniqueSlug("backup");
            var article = await (await admin.PostJson("/v1/articles", new
            {
                headline = "Backed up while the API writes",
                slug,
                body = "First paragraph.\n\nSecond paragraph.",
                status = "published",
                tags = new[] { "backups", "durability" },
            })).AssertOk(HttpStatusCode.Created);
            await (await admin.PostJson($"/v1/articles/{article["id"]}/quotes", new { text = "Copy it while it runs.", speaker = "An operator" })).AssertOk(HttpStatusCode.Created);

            using var stop = new CancellationTokenSource();
            var acknowledged = new System.Collections.Concurrent.ConcurrentQueue<string>();
            var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
            {
                var client = live.Admin();
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var tag = $"w{w}-{i}-{Guid.NewGuid():N}"[..20];
                    var response = await client.PostJson("/v1/tags", new { name = tag, slug = tag });
                    Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                    acknowledged.Enqueue(tag);
                }
            })).ToList();

            await Task.Delay(300);
            acknowledgedBeforeBackup = [.. acknowledged];
            var result = await DatabaseBackup.BackupAsync(live.Services.GetRequiredService<Db>(), backup, force: false, CancellationToken.None);
            await Task.Delay(200);
            await stop.CancelAsync();
            await Task.WhenAll(writers);

            Assert.Equal(backup, result.Path);
            Assert.True(result.Articles >= 1);
            Assert.NotEmpty(acknowledgedBeforeBackup);
            await Assert.ThrowsAsync<IOException>(() => DatabaseBackup.BackupAsync(live.Services.GetRequiredService<Db>(), backup, force: false, CancellationToken.None));
        }

        // Restore as the README says: the backup file becomes the database file of a stopped API, then it starts.
        Assert.False(File.Exists(backup + "-wal"));
        var restored = Path.Combine(directory, "restored", "headless.db");
        Directory.CreateDirectory(Path.GetDirectoryName(restored)!);
        File.Copy(backup, restored);
        await using var again = new FileFactory(restored);
        var read = await (await again.Anonymous().GetAsync($"/v1/articles/slug/{slug}?include=quotes")).AssertOk();
        Assert.Equal("Backed up while the API writes", read["headline"]!.GetValue<string>());
        Assert.Equal(["backups", "durability"], read["tags"]!.AsArray().Select(t => t!["slug"]!.GetValue<string>()));
        Assert.Equal("Copy it while it runs.", read["quotes"]![0]!["text"]!.GetValue<string>());
        foreach (var tag in acknowledgedBeforeBackup)
        {
            await (await again.Anonymous().GetAsync($"/v1/tags/slug/{tag}")).AssertOk();
        }
    }

    [Fact]
    public async Task Export_import_export_is_byte_for_byte_the_same_and_the_api_reads_the_same_content()
    {
        await using var source = new DemoApiFactory();
        var admin = source.Admin();
        var article = await (await admin.PostJson("/v1/articles", new
        {
            headline = "Exported with everything",
            slug = Http.UniqueSlug("export"),
            body = "A paragraph with **bold** and <script>x</script>.\n\nAnother paragraph, with ünïcode.",
            status = "published",
            tags = new[] { "export", "import" },
        })).AssertOk(HttpStatusCode.Created);
        var id = article["id"]!.GetValue<long>();
        await (await admin.PatchMerge($"/v1/articles/{id}", new { dek = "Changed once, so it has two revisions" })).AssertOk();
        await (await admin.PostJson($"/v1/articles/{id}/quotes", new { text = "Round trips.", speaker = "A test" })).AssertOk(HttpStatusCode.Created);

        var first = await ExportAsync(source);

        await using var target = new ApiFactory();
        (await target.Anonymous().GetAsync("/health/ready")).EnsureSuccessStatusCode();
        var imported = await ContentTransfer.ImportAsync(target.Services.GetRequiredService<Db>(), new MemoryStream(Encoding.UTF8.GetBytes(first)), CancellationToken.None);
        Assert.False(imported.Refused);
        Assert.True(imported.Counts["article_revisions"] >= 2);

        var second = await ExportAsync(target);
        Assert.Equal(first, second);

        foreach (var url in new[]
        {
            $"/v1/articles/{id}?include=quotes,links&formats=html,text,markdown",
            "/v1/articles?status=any&include=quotes,links",
            "/v1/tags",
            $"/v1/articles/{id}/revisions",
        })
        {
            var expected = await (await admin.GetAsync(url)).AssertOk();
            var actual = await (await target.Admin().GetAsync(url)).AssertOk();
            Assert.True(JsonNode.DeepEquals(expected, actual), $"{url} differs after import:\n{expected}\n{actual}");
        }

        var again = await ContentTransfer.ImportAsync(target.Services.GetRequiredService<Db>(), new MemoryStream(Encoding.UTF8.GetBytes(first)), CancellationToken.None);
        Assert.True(again.Refused);
    }

    private static async Task<string> ExportAsync(ApiFactory factory)
    {
        using var output = new MemoryStream();
        await ContentTransfer.ExportAsync(factory.Services.GetRequiredService<Db>(), output, CancellationToken.None);
        return Encoding.UTF8.GetString(output.ToArray());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open only leaves a temporary folder behind.
        }
    }

    private sealed class FileFactory(string path) : ApiFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("ConnectionStrings:Headless", $"Data Source={path}")];
    }
}
