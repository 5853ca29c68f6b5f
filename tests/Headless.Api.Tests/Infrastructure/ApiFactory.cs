using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Headless.Api.Tests.Infrastructure;

/// <summary>
/// The API over a real SQLite file of its own (one per test class, through <c>IClassFixture</c>), without demo
/// content unless a subclass asks for it. Tests make their own data with unique slugs.
/// </summary>
public class ApiFactory : WebApplicationFactory<Program>
{
    public const string AdminKey = "test-admin-key-0123456789";

    // The folder this factory made for its database and deletes when disposed; null for a database it was given.
    private readonly string? directory;

    public ApiFactory()
    {
        directory = Path.Combine(Path.GetTempPath(), "headless-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        DatabasePath = Path.Combine(directory, "headless.db");
    }

    /// <summary>The API over a database file the caller owns, which outlives this factory: for restart tests, a second factory opens the same file.</summary>
    protected ApiFactory(string databasePath)
    {
        DatabasePath = databasePath;
    }

    public string DatabasePath { get; }

    protected virtual bool LoadDemoContent => false;

    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings => [];

    /// <summary>A client with no API key.</summary>
    public HttpClient Anonymous() => CreateClient();

    /// <summary>A client that sends the admin key in <c>X-Api-Key</c>.</summary>
    public HttpClient Admin()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Headless", $"Data Source={DatabasePath}");
        builder.UseSetting("Headless:AdminKey", AdminKey);
        builder.UseSetting("Headless:DemoContent", LoadDemoContent ? "true" : "false");
        // No test sends webhooks unless it turns dispatch on (Webhooks/WebhookApiFactory), and no poll adds to query counts.
        builder.UseSetting("Headless:Webhooks:DispatchEnabled", "false");
        // No test is throttled unless it asks for small limits (Limits/RateLimitTests).
        foreach (var tier in new[] { "Anonymous", "Reader", "Partner", "Editor", "Admin" })
        {
            builder.UseSetting($"Headless:RateLimits:{tier}:PermitLimit", "1000000");
        }

        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        if (directory is null)
        {
            return;
        }

        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open only leaves a temporary folder behind.
        }
    }
}

/// <summary>The API with the demo content loaded, as a newcomer's first start has it.</summary>
public sealed class DemoApiFactory : ApiFactory
{
    protected override bool LoadDemoContent => true;
}

/// <summary>The API on a fake clock that tests move by hand (scheduled publishing, expiry), starting at the real now.</summary>
public sealed class FakeClockApiFactory : ApiFactory
{
    public Microsoft.Extensions.Time.Testing.FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // The output cache ages on the real clock; tests that move time read past it.
        builder.UseSetting("Headless:Caching:MaxAgeSeconds", "0");
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}
