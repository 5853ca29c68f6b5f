using Headless.Api.Common.Http;
using Headless.Api.Features.Articles;
using Headless.Api.Features.Changes;
using Headless.Api.Features.Keys;
using Headless.Api.Features.Links;
using Headless.Api.Features.Quotes;
using Headless.Api.Features.Search;
using Headless.Api.Features.Tags;
using Headless.Api.Features.Webhooks;

namespace Headless.Api.Common.OpenApi;

/// <summary>The examples the OpenAPI document shows, taken from the demo content.</summary>
public static class OpenApiExamples
{
    public const string ArticleSlug = "mexicos-president-turns-down-us-offer-of-troops-sovereignty-is-not-for-sale";
    private const string Headline = "Mexico’s President Turns Down US Offer of Troops: “Sovereignty Is Not for Sale”";
    private static readonly DateTimeOffset Published = new(2026, 11, 20, 9, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Created = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    private const string ExampleCursor = "WyItcHVibGlzaGVkQXQiLCIyMDI2LTExLTIwVDA5OjMwOjAwLjAwMDAwMDBaIiwxXQ.3q2-7wAAAAAAAAAAAAAAAA";

    private static readonly ArticleReference ArticleRef = new(1, ArticleSlug, Headline);

    private static readonly TagSummary[] Tags =
    [
        new(1, "mexico", "Mexico"),
        new(3, "sovereignty", "Sovereignty"),
    ];

    private static readonly ArticleResponse Article = new(
        1,
        ArticleSlug,
        Headline,
        "Speaking to supporters, Mexico's President recounted how she turned down a US offer to send American troops into Mexico.",
        new ArticleBodyResponse(
            "<p>Addressing a crowd of her supporters, Mexico's President turned down a US proposal…</p>\n<h2 id=\"growing-us-military-activity-near-the-border\">Growing US Military Activity Near the Border</h2>",
            null,
            null),
        "Addressing a crowd of her supporters, Mexico's President turned down a US proposal to deploy American soldiers on Mexican soil…",
        "World",
        "Headless Demo Desk",
        "en",
        null,
        new FeaturedImage("https://images.example.com/mexico-rally.jpg", "Supporters cheer at a rally in eastern Mexico", "The President retold the phone call at a public event.", "Headless Demo Desk"),
        ArticleStatus.Published,
        Published,
        null,
        null,
        SyndicationRights.Excerpt,
        Published.AddHours(2),
        Created,
        Published.AddHours(2),
        4,
        812,
        4,
        Tags,
        [new CorrectionResponse(1, "An earlier version said the call took place last week; it took place on Monday.", Published.AddHours(2))]);

    private static readonly CreateArticleRequest CreateArticleExample = new(
        Headline,
        Dek: "Speaking to supporters, Mexico's President recounted how she turned down a US offer to send American troops into Mexico.",
        Body: "Addressing a crowd of her supporters, Mexico's President turned down a US proposal…\n\n## Growing US Military Activity Near the Border\n\n…",
        Section: "World",
        Byline: "Headless Demo Desk",
        Language: "en",
        Tags: ["mexico", "sovereignty", "drug-trafficking"],
        Status: ArticleStatus.Draft);

    private static readonly UpdateArticleRequest UpdateArticleExample = new(
        Headline,
        Slug: ArticleSlug,
        Dek: "Speaking to supporters, Mexico's President recounted how she turned down a US offer to send American troops into Mexico.",
        Body: "Addressing a crowd of her supporters, Mexico's President turned down a US proposal…\n\n## Growing US Military Activity Near the Border\n\n…",
        Section: "World",
        Byline: "Headless Demo Desk",
        Language: "en",
        ExpiresAt: new DateTimeOffset(2027, 11, 20, 0, 0, 0, TimeSpan.Zero),
        Tags: ["mexico", "sovereignty", "drug-trafficking"]);

    private static readonly ActorResponse Editor = new(2, "Night desk editor");

    private static readonly KeyResponse Key = new(2, "Night desk editor", KeyRole.Editor, [], [], "hl_Ex4mple", Created, Created, 1, Published, null);

    private static readonly TagResponse Tag = new(3, "sovereignty", "Sovereignty",
        "Stories about national independence and the right of states to govern their own territory.", 1, Created, Created, 1);

    private static readonly QuoteResponse Quote = new(3, 1, ArticleRef, "Sovereignty is not for sale. Sovereignty is loved and defended.",
        "Mexico's President", "President of Mexico", "Declared in her speech to supporters as she held firm against the US troop proposal.", 3, Created, Created, 1);

    private static readonly LinkResponse Link = new(1, 1, LinkKind.Inline, "US Warship USS Gravely Deployed to Mexico Border Amid Security Crisis",
        "/articles/us-warship-uss-gravely-deployed-to-mexico-border-amid-security-crisis", null, 1, 5, Created, Created, 1);

    private const string WebhookUrl = "https://partner.example.com/hooks/headless";

    private static readonly WebhookResponse Webhook = new(1, WebhookUrl, ["article.*", "tag.deleted"], true, null, null, "whsec_…LaSw", Created, Created, 1);

    private static readonly WebhookDeliveryResponse Delivery = new(57, 1, "article.updated", 412, "article-1", WebhookDeliveryStatus.Pending, 2, 503, 84,
        "The endpoint answered 503 Service Unavailable.", Published.AddHours(2).AddSeconds(150), Published.AddHours(2), Published.AddHours(2).AddSeconds(30));

    private static readonly SearchHit[] SearchHits =
    [
        new(SearchHitType.Quote, 2.1248, "<mark>Sovereignty</mark> is not for sale. <mark>Sovereignty</mark> is loved and defended.", null,
            new SearchQuote(3, "Sovereignty is not for sale. Sovereignty is loved and defended.", "Mexico's President", "President of Mexico", Created, ArticleRef)),
        new(SearchHitType.Article, 1.0811,
            "Speaking to supporters, Mexico&#39;s President recounted how she turned down a US offer to send American troops into Mexico, insisting that the country&#39;s <mark>sovereignty</mark> is not…",
            new SearchArticle(1, ArticleSlug, Headline, Article.Dek, Article.Excerpt, "World", "Headless Demo Desk", ArticleStatus.Published, Published, Published.AddHours(2), Tags),
            null),
    ];

    private static readonly Dictionary<Type, object> ByType = new()
    {
        [typeof(ChangeFeedResponse)] = new ChangeFeedResponse(
            [
                new ChangeEntry(41, ChangeType.Upsert, ChangeKind.Article, 1, 1, Published.AddHours(2), Article),
                new ChangeEntry(42, ChangeType.Deleted, ChangeKind.Quote, 6, 1, Published.AddHours(3)),
            ],
            "WyJjaGFuZ2VzIiw0Ml0.Rk9sX2V4YW1wbGVfX19f",
            false),
        [typeof(SearchResponse)] = new SearchResponse(SearchHits, new PageInfo(20, null, 2),
            new SearchFacets([new FacetCount("mexico", "Mexico", 2), new FacetCount("sovereignty", "Sovereignty", 2)], [new FacetCount("World", "World", 2)])),
        [typeof(SearchHit)] = SearchHits[0],
        [typeof(SearchArticle)] = SearchHits[1].Article!,
        [typeof(SearchQuote)] = SearchHits[0].Quote!,
        [typeof(FacetCount)] = new FacetCount("mexico", "Mexico", 2),
        [typeof(SuggestResponse)] = new SuggestResponse(
        [
            new Suggestion(SuggestionKind.Tag, "Mexico", "<mark>Mex</mark>ico", "mexico"),
            new Suggestion(SuggestionKind.Speaker, "Mexico's President", "<mark>Mex</mark>ico&#39;s President"),
            new Suggestion(SuggestionKind.Headline, Headline, "<mark>Mex</mark>ico’s President Turns Down US Offer of Troops: “Sovereignty Is Not for Sale”", ArticleSlug, 1),
        ]),
        [typeof(ArticleResponse)] = Article,
        [typeof(CreateArticleRequest)] = CreateArticleExample,
        [typeof(UpdateArticleRequest)] = UpdateArticleExample,
        [typeof(ScheduleRequest)] = new ScheduleRequest(new DateTimeOffset(2026, 11, 24, 6, 0, 0, TimeSpan.Zero)),
        [typeof(CorrectionRequest)] = new CorrectionRequest("An earlier version said the call took place last week; it took place on Monday."),
        [typeof(CorrectionResponse)] = Article.Corrections[0],
        [typeof(ActorResponse)] = Editor,
        [typeof(KeyResponse)] = Key,
        [typeof(CreatedKeyResponse)] = new CreatedKeyResponse(3, "Partner site", KeyRole.Partner, ["mexico", "sovereignty"], ["World"],
            "hl_Ex4mple", "hl_Ex4mple000000000000000000000000000000000000", Created, Created, 1),
        [typeof(CreateKeyRequest)] = new CreateKeyRequest("Partner site", KeyRole.Partner, ["mexico", "sovereignty"], ["World"]),
        [typeof(ListResponse<KeyResponse>)] = new ListResponse<KeyResponse>([Key], new PageInfo(20, null)),
        [typeof(WebhookResponse)] = Webhook,
        [typeof(CreatedWebhookResponse)] = new CreatedWebhookResponse(1, WebhookUrl, ["article.*", "tag.deleted"], true,
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_…LaSw", Created, Created, 1),
        [typeof(WebhookRequest)] = new WebhookRequest(WebhookUrl, ["article.*", "tag.deleted"]),
        [typeof(ListResponse<WebhookResponse>)] = new ListResponse<WebhookResponse>([Webhook], new PageInfo(20, null)),
        [typeof(WebhookDeliveryResponse)] = Delivery,
        [typeof(ListResponse<WebhookDeliveryResponse>)] = new ListResponse<WebhookDeliveryResponse>(
            [Delivery, Delivery with { Id = 56, Event = "article.published", Seq = 398, Status = WebhookDeliveryStatus.Delivered, Attempts = 1, LastStatusCode = 200,
                LastDurationMs = 61, LastError = null, NextAttemptAt = null, CreatedAt = Published, UpdatedAt = Published.AddSeconds(1) }],
            new PageInfo(20, ExampleCursor)),
        [typeof(RevisionResponse)] = new RevisionResponse(4, Published.AddHours(2), Editor, Article with { Body = new ArticleBodyResponse("<p>…</p>", "…", "…") }),
        [typeof(RevisionSummary)] = new RevisionSummary(4, Published.AddHours(2), Editor, ArticleStatus.Published, Headline),
        [typeof(ListResponse<RevisionSummary>)] = new ListResponse<RevisionSummary>(
            [new RevisionSummary(4, Published.AddHours(2), Editor, ArticleStatus.Published, Headline), new RevisionSummary(3, Published, Editor, ArticleStatus.Published, Headline)],
            new PageInfo(20, ExampleCursor)),
        [typeof(ArticleReference)] = ArticleRef,
        [typeof(TagSummary)] = Tags[0],
        [typeof(TagResponse)] = Tag,
        [typeof(TagRequest)] = new TagRequest("Sovereignty", "sovereignty", "Stories about national independence and the right of states to govern their own territory."),
        [typeof(QuoteResponse)] = Quote,
        [typeof(QuoteRequest)] = new QuoteRequest("Sovereignty is not for sale. Sovereignty is loved and defended.", "Mexico's President", "President of Mexico",
            "Declared in her speech to supporters as she held firm against the US troop proposal."),
        [typeof(LinkResponse)] = Link,
        [typeof(LinkRequest)] = new LinkRequest(LinkKind.Inline, "US Warship USS Gravely Deployed to Mexico Border Amid Security Crisis",
            "/articles/us-warship-uss-gravely-deployed-to-mexico-border-amid-security-crisis", AfterParagraph: 5),
        [typeof(ListResponse<ArticleResponse>)] = new ListResponse<ArticleResponse>([Article], new PageInfo(20, null)),
        [typeof(ListResponse<TagResponse>)] = new ListResponse<TagResponse>([Tag], new PageInfo(20, ExampleCursor)),
        [typeof(ListResponse<QuoteResponse>)] = new ListResponse<QuoteResponse>([Quote], new PageInfo(20, null)),
        [typeof(ListResponse<LinkResponse>)] = new ListResponse<LinkResponse>([Link], new PageInfo(20, null)),
    };

    public static object? For(Type type) => ByType.GetValueOrDefault(type);
}
