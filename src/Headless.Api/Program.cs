using Headless.Api.Common.Auth;
using Headless.Api.Common.Database;
using Headless.Api.Common.Http;
using Headless.Api.Common.Limits;
using Headless.Api.Common.Observability;
using Headless.Api.Common.OpenApi;
using Headless.Api.Common.Validation;
using Headless.Api.Features.Articles;
using Headless.Api.Features.Changes;
using Headless.Api.Features.Demo;
using Headless.Api.Features.Feeds;
using Headless.Api.Features.Health;
using Headless.Api.Features.Keys;
using Headless.Api.Features.Links;
using Headless.Api.Features.Quotes;
using Headless.Api.Features.Related;
using Headless.Api.Features.Search;
using Headless.Api.Features.Sitemap;
using Headless.Api.Features.Tags;
using Headless.Api.Features.Webhooks;

// A command instead of the API: fill a database with synthetic content for load tests (tests/load/README.md).
if (args is ["seed-synthetic", ..])
{
    Environment.Exit(await Headless.Api.Features.Synthetic.SyntheticContent.RunAsync(args[1..]));
}

// Commands for backups and moving content (README, "Backups and durability").
if (args is ["backup", ..])
{
    Environment.Exit(await Headless.Api.Features.Backups.DatabaseBackup.RunAsync(args[1..]));
}

if (args is ["export" or "import", ..])
{
    Environment.Exit(await Headless.Api.Features.Backups.ContentTransfer.RunAsync(args));
}

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.ConfigureHttpJsonOptions(options => JsonSetup.Configure(options.SerializerOptions));
// Swashbuckle describes schemas with MVC's JSON options, so they get the same settings (enums as strings).
builder.Services.Configure<Microsoft.AspNetCore.Mvc.JsonOptions>(options => JsonSetup.Configure(options.JsonSerializerOptions));
builder.Services.AddProblems();
builder.Services.AddSecurityHeaders(builder.Configuration);
builder.Services.AddRequestLimits();
builder.Services.AddRateLimits();
builder.Services.AddRequestValidation();
builder.Services.AddApiKeys(builder.Configuration);
builder.Services.AddDatabase(builder.Configuration);
builder.Services.AddHealth();
builder.Services.AddMetricsEndpoint();
builder.Services.AddOpenApiDocument();
builder.Services.AddHttpCaching(builder.Configuration);

builder.Services.AddSingleton<ArticleBodyRenderer>();
builder.Services.AddSingleton<ArticleStore>();
builder.Services.Configure<SyndicationOptions>(builder.Configuration.GetSection("Headless:Syndication"));
builder.Services.AddSingleton<ArticleIncludesLoader>();
builder.Services.AddSingleton<CursorCodec>();
builder.Services.AddSingleton<TagStore>();
builder.Services.AddSingleton<QuoteStore>();
builder.Services.AddSingleton<LinkStore>();
builder.Services.AddSingleton<RelatedStore>();
builder.Services.AddSingleton<SitemapStore>();
builder.Services.AddSingleton<FeedStore>();
builder.Services.Configure<FeedOptions>(builder.Configuration.GetSection("Headless:Feeds"));
builder.Services.AddSingleton<SearchStore>();
builder.Services.AddSingleton<ChangeStore>();
builder.Services.Configure<SearchOptions>(builder.Configuration.GetSection("Headless:Search"));
builder.Services.AddSingleton<KeyStore>();
builder.Services.AddSingleton<KeyBootstrap>();
builder.Services.AddSingleton<DemoContent>();
builder.Services.AddSingleton<ArticleScheduler>();
builder.Services.AddHostedService(services => services.GetRequiredService<ArticleScheduler>());
builder.Services.AddSingleton<WebhookStore>();
builder.Services.AddOptions<WebhookOptions>().BindConfiguration("Headless:Webhooks")
    .Validate(options => options.IsValid(), "Headless:Webhooks: TimeoutSeconds and PollIntervalMilliseconds must be positive, DisableAfterHours and RetryDelaysSeconds not negative.").ValidateOnStart();
builder.Services.AddHostedService<WebhookDispatcher>();

var app = builder.Build();

app.UseRequestLogging();
app.UseSecurityHeaders();
app.UseProblems();
app.UseRequestLimits();
app.UseResponseCompression();
app.UseApiKeys();
app.UseRateLimits();
app.UseOutputCache();
app.UseOpenApiDocument();

var api = app.MapGroup("")
    .AddEndpointFilterFactory(QueryParameterFilter.Create)
    .AddEndpointFilter(HttpCaching.Filter);
api.MapArticles();
api.MapArticleWorkflow();
api.MapTags();
api.MapQuotes();
api.MapLinks();
api.MapRelated();
api.MapSitemap();
api.MapFeeds();
api.MapSearch();
api.MapChanges();
api.MapKeys();
api.MapWebhooks();
app.MapHealth();
app.MapMetricsEndpoint();

var databaseIsNew = await app.Services.GetRequiredService<Migrator>().MigrateAsync(CancellationToken.None);
await app.Services.GetRequiredService<CursorCodec>().InitializeAsync(CancellationToken.None);
if (databaseIsNew && app.Configuration.GetValue("Headless:DemoContent", true))
{
    await app.Services.GetRequiredService<DemoContent>().LoadAsync(CancellationToken.None);
}

await app.Services.GetRequiredService<KeyBootstrap>().CreateAdminKeyIfNoneAsync(CancellationToken.None);

app.Logger.LogInformation("Database: {DataSource}", app.Services.GetRequiredService<Db>().DataSource);
app.Run();
