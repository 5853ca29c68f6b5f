using System.Net;
using Headless.Api.Tests.Infrastructure;

namespace Headless.Api.Tests.ReadPath;

/// <summary>The filters and sorts of the article list, and the filters of the quote list, each on data of its own.</summary>
public sealed class ListFilterTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private async Task<List<long>> Ids(string url) => (await factory.Anonymous().GetOk(url)).ItemIds();

    [Fact]
    public async Task Repeated_tag_lists_articles_with_any_of_the_tags()
    {
        var (a, b, c) = (Http.UniqueSlug("anya"), Http.UniqueSlug("anyb"), Http.UniqueSlug("anyc"));
        var admin = factory.Admin();
        var onlyA = (await admin.NewArticle([a])).IdOf();
        var onlyB = (await admin.NewArticle([b])).IdOf();
        var onlyC = (await admin.NewArticle([c])).IdOf();
        var both = (await admin.NewArticle([a, b])).IdOf();

        Assert.Equal([both, onlyB, onlyA], await Ids($"/v1/articles?tag={a}&tag={b}"));
        Assert.Equal([both, onlyA], await Ids($"/v1/articles?tag={a}"));
        Assert.Equal([both, onlyA], await Ids($"/v1/articles?tag={a}&tag={a}"));
        Assert.Equal([onlyC], await Ids($"/v1/articles?tag={c}"));
        Assert.Empty(await Ids($"/v1/articles?tag={Http.UniqueSlug("nobody")}"));
    }

    [Fact]
    public async Task TagAll_lists_articles_with_every_one_of_the_tags()
    {
        var (a, b, c) = (Http.UniqueSlug("alla"), Http.UniqueSlug("allb"), Http.UniqueSlug("allc"));
        var admin = factory.Admin();
        var onlyA = (await admin.NewArticle([a])).IdOf();
        await admin.NewArticle([b]);
        var both = (await admin.NewArticle([a, b])).IdOf();
        var all = (await admin.NewArticle([c, b, a])).IdOf();

        Assert.Equal([all, both], await Ids($"/v1/articles?tagAll={a}&tagAll={b}"));
        Assert.Equal([all, both], await Ids($"/v1/articles?tagAll={a}&tagAll={b}&tagAll={a}"));
        Assert.Equal([all, both, onlyA], await Ids($"/v1/articles?tagAll={a}"));
        Assert.Equal([all], await Ids($"/v1/articles?tagAll={a}&tagAll={b}&tagAll={c}"));
        Assert.Empty(await Ids($"/v1/articles?tagAll={a}&tagAll={Http.UniqueSlug("none")}"));
        // tag (any) and tagAll together: both must hold.
        Assert.Equal([all], await Ids($"/v1/articles?tag={c}&tagAll={a}&tagAll={b}"));
    }

    [Fact]
    public async Task Section_filter_is_exact()
    {
        var tag = Http.UniqueSlug("sect");
        var admin = factory.Admin();
        var world = (await admin.NewArticle([tag], section: "World")).IdOf();
        await admin.NewArticle([tag], section: "Sport");
        await admin.NewArticle([tag]);

        Assert.Equal([world], await Ids($"/v1/articles?tag={tag}&section=World"));
        Assert.Empty(await Ids($"/v1/articles?tag={tag}&section=Weather"));
        Assert.Empty(await Ids($"/v1/articles?tag={tag}&section=Worl"));
    }

    [Fact]
    public async Task Byline_filter_is_exact()
    {
        var tag = Http.UniqueSlug("byline");
        var admin = factory.Admin();
        var hers = (await admin.NewArticle([tag], byline: "María López")).IdOf();
        await admin.NewArticle([tag], byline: "John Smith");

        Assert.Equal([hers], await Ids($"/v1/articles?tag={tag}&byline={Uri.EscapeDataString("María López")}"));
        Assert.Empty(await Ids($"/v1/articles?tag={tag}&byline=Nobody"));
    }

    [Fact]
    public async Task Language_filter_matches_the_language_tag()
    {
        var tag = Http.UniqueSlug("lang");
        var admin = factory.Admin();
        var spanish = (await admin.NewArticle([tag], language: "es")).IdOf();
        var english = (await admin.NewArticle([tag])).IdOf();

        Assert.Equal([spanish], await Ids($"/v1/articles?tag={tag}&language=es"));
        Assert.Equal([english], await Ids($"/v1/articles?tag={tag}&language=en"));
        Assert.Empty(await Ids($"/v1/articles?tag={tag}&language=fr"));
    }

    [Fact]
    public async Task PublishedAfter_is_inclusive_and_publishedBefore_exclusive()
    {
        var tag = Http.UniqueSlug("dates");
        var admin = factory.Admin();
        var january = (await admin.NewArticle([tag], publishedAt: "2020-01-01T00:00:00Z")).IdOf();
        var june = (await admin.NewArticle([tag], publishedAt: "2020-06-01T00:00:00Z")).IdOf();
        var next = (await admin.NewArticle([tag], publishedAt: "2021-01-01T00:00:00Z")).IdOf();

        Assert.Equal([next, june], await Ids($"/v1/articles?tag={tag}&publishedAfter=2020-06-01T00:00:00Z"));
        Assert.Equal([next], await Ids($"/v1/articles?tag={tag}&publishedAfter=2020-06-01T00:00:00.0000001Z"));
        Assert.Equal([january], await Ids($"/v1/articles?tag={tag}&publishedBefore=2020-06-01T00:00:00Z"));
        Assert.Equal([june, january], await Ids($"/v1/articles?tag={tag}&publishedBefore=2020-06-01T00:00:00.0000001Z"));
        Assert.Equal([june, january], await Ids($"/v1/articles?tag={tag}&publishedAfter=2020-01-01T00:00:00Z&publishedBefore=2021-01-01T00:00:00Z"));
        Assert.Empty(await Ids($"/v1/articles?tag={tag}&publishedAfter=2021-01-01T00:00:00.0000001Z"));
        Assert.Empty(await Ids($"/v1/articles?tag={tag}&publishedBefore=2020-01-01T00:00:00Z"));
    }

    [Fact]
    public async Task Date_filters_compare_instants_whatever_the_offset()
    {
        var tag = Http.UniqueSlug("offset");
        var admin = factory.Admin();
        var june = (await admin.NewArticle([tag], publishedAt: "2020-06-01T00:00:00Z")).IdOf();

        // 02:00 at +02:00 is midnight UTC: the boundary itself.
        Assert.Equal([june], await Ids($"/v1/articles?tag={tag}&publishedAfter={Uri.EscapeDataString("2020-06-01T02:00:00+02:00")}"));
        Assert.Empty(await Ids($"/v1/articles?tag={tag}&publishedBefore={Uri.EscapeDataString("2020-06-01T02:00:00+02:00")}"));
        Assert.Equal([june], await Ids($"/v1/articles?tag={tag}&publishedBefore={Uri.EscapeDataString("2020-05-31T20:00:01-04:00")}"));
    }

    [Fact]
    public async Task UpdatedSince_lists_articles_changed_at_or_after_the_instant()
    {
        var tag = Http.UniqueSlug("upd");
        var admin = factory.Admin();
        var first = await admin.NewArticle([tag]);
        var second = await admin.NewArticle([tag]);
        var patched = await (await admin.PatchMerge($"/v1/articles/{first.IdOf()}", new { headline = "Changed later" })).AssertOk();
        var secondUpdated = second["updatedAt"]!.GetValue<string>();
        var firstUpdated = patched["updatedAt"]!.GetValue<string>();

        Assert.Equal([second.IdOf(), first.IdOf()], await Ids($"/v1/articles?tag={tag}&updatedSince={secondUpdated}"));
        Assert.Equal([first.IdOf()], await Ids($"/v1/articles?tag={tag}&updatedSince={firstUpdated}"));
        Assert.Empty(await Ids($"/v1/articles?tag={tag}&updatedSince={DateTimeOffset.UtcNow.AddDays(1):yyyy-MM-ddTHH:mm:ssZ}"));
    }

    [Fact]
    public async Task HasQuotes_true_and_false_split_the_list()
    {
        var tag = Http.UniqueSlug("hasq");
        var admin = factory.Admin();
        var quoted = (await admin.NewArticle([tag])).IdOf();
        var silent = (await admin.NewArticle([tag])).IdOf();
        await admin.AddQuote(quoted);
        await admin.AddQuote(quoted, text: "Twice.");

        Assert.Equal([quoted], await Ids($"/v1/articles?tag={tag}&hasQuotes=true"));
        Assert.Equal([silent], await Ids($"/v1/articles?tag={tag}&hasQuotes=false"));
        Assert.Equal([silent, quoted], await Ids($"/v1/articles?tag={tag}"));
    }

    [Fact]
    public async Task Filters_combine()
    {
        var tag = Http.UniqueSlug("combo");
        var admin = factory.Admin();
        var wanted = (await admin.NewArticle([tag], section: "World", language: "es", publishedAt: "2022-01-01T00:00:00Z")).IdOf();
        await admin.NewArticle([tag], section: "World", language: "en", publishedAt: "2022-01-01T00:00:00Z");
        await admin.NewArticle([tag], section: "Sport", language: "es", publishedAt: "2022-01-01T00:00:00Z");
        await admin.NewArticle([tag], section: "World", language: "es", publishedAt: "2019-01-01T00:00:00Z");

        Assert.Equal([wanted], await Ids($"/v1/articles?tag={tag}&section=World&language=es&publishedAfter=2020-01-01T00:00:00Z&count=true"));
        Assert.Equal(1, (await factory.Anonymous().GetOk($"/v1/articles?tag={tag}&section=World&language=es&publishedAfter=2020-01-01T00:00:00Z&count=true"))["page"]!["total"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("publishedAfter=yesterday", "publishedAfter")]
    [InlineData("publishedBefore=2020-13-01T00:00:00Z", "publishedBefore")]
    [InlineData("updatedSince=not-a-date", "updatedSince")]
    [InlineData("hasQuotes=maybe", "hasQuotes")]
    [InlineData("count=perhaps", "count")]
    [InlineData("limit=ten", "limit")]
    public async Task Unparseable_filter_value_is_400_problem(string query, string name)
    {
        var problem = await (await factory.Anonymous().GetAsync($"/v1/articles?{query}")).AssertProblem(HttpStatusCode.BadRequest);

        Assert.Contains(name, problem.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("sort=popular", "sort")]
    [InlineData("sort=-headline", "sort")]
    [InlineData("sort=PublishedAt", "sort")]
    [InlineData("tag=Not_A_Slug", "tag")]
    [InlineData("tag=ok&tag=BAD", "tag")]
    [InlineData("tagAll=has%20space", "tagAll")]
    [InlineData("language=english%21", "language")]
    [InlineData("include=authors", "include")]
    [InlineData("fields=id,author", "fields")]
    [InlineData("formats=pdf", "formats")]
    [InlineData("status=deleted", "status")]
    public async Task Invalid_filter_value_is_400_naming_the_parameter(string query, string field)
    {
        await AssertParameterError(await factory.Anonymous().GetAsync($"/v1/articles?{query}"), field);
    }

    /// <summary>A 400 validation problem with an error for the parameter, or for one of its values (<c>tag[0]</c>).</summary>
    private static async Task AssertParameterError(HttpResponseMessage response, string parameter)
    {
        var problem = await response.AssertProblem(HttpStatusCode.BadRequest);
        var keys = problem["errors"]!.AsObject().Select(p => p.Key).ToList();
        Assert.True(keys.Any(k => k == parameter || k.StartsWith(parameter + "[", StringComparison.Ordinal)), $"No error for '{parameter}' in {problem.ToJsonString()}");
    }

    [Fact]
    public async Task Unknown_filter_parameter_is_400()
    {
        var problem = await (await factory.Anonymous().GetAsync("/v1/articles?tags=world")).AssertProblem(HttpStatusCode.BadRequest);

        Assert.Contains("tags", problem["unknown"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public async Task Sorts_order_the_list_by_publication_update_and_headline()
    {
        var tag = Http.UniqueSlug("sorts");
        var admin = factory.Admin();
        var middle = (await admin.NewArticle([tag], headline: "Charlie", publishedAt: "2020-06-01T00:00:00Z")).IdOf();
        var oldest = (await admin.NewArticle([tag], headline: "alpha", publishedAt: "2019-01-01T00:00:00Z")).IdOf();
        var newest = (await admin.NewArticle([tag], headline: "Bravo", publishedAt: "2021-01-01T00:00:00Z")).IdOf();
        var sameHeadline = (await admin.NewArticle([tag], headline: "Bravo", publishedAt: "2018-01-01T00:00:00Z")).IdOf();
        // Touch the oldest last, so it is the most recently updated.
        await (await admin.PatchMerge($"/v1/articles/{oldest}", new { dek = "Touched." })).AssertOk();

        Assert.Equal([newest, middle, oldest, sameHeadline], await Ids($"/v1/articles?tag={tag}"));
        Assert.Equal([newest, middle, oldest, sameHeadline], await Ids($"/v1/articles?tag={tag}&sort=-publishedAt"));
        Assert.Equal([sameHeadline, oldest, middle, newest], await Ids($"/v1/articles?tag={tag}&sort=publishedAt"));
        Assert.Equal([oldest, sameHeadline, newest, middle], await Ids($"/v1/articles?tag={tag}&sort=-updatedAt"));
        // Ordinal: capitals before lowercase; equal headlines by id.
        Assert.Equal([newest, sameHeadline, middle, oldest], await Ids($"/v1/articles?tag={tag}&sort=headline"));
    }

    [Fact]
    public async Task Drafts_never_pass_a_filter_for_anonymous_readers()
    {
        var tag = Http.UniqueSlug("draftf");
        var admin = factory.Admin();
        var published = (await admin.NewArticle([tag], section: "World")).IdOf();
        var draft = (await admin.NewArticle([tag], section: "World", status: "draft")).IdOf();

        Assert.Equal([published], await Ids($"/v1/articles?tag={tag}&section=World"));
        Assert.Equal([published], await Ids($"/v1/articles?tagAll={tag}&hasQuotes=false"));
        Assert.Equal([draft, published], (await admin.GetOk($"/v1/articles?tag={tag}&status=any")).ItemIds());
    }

    [Fact]
    public async Task Quote_speaker_filter_matches_part_of_the_name_in_any_case()
    {
        var tag = Http.UniqueSlug("speaker");
        var token = Guid.NewGuid().ToString("N")[..8];
        var admin = factory.Admin();
        var article = (await admin.NewArticle([tag])).IdOf();
        var hers = (await admin.AddQuote(article, speaker: $"Álvaro Núñez {token}")).IdOf();
        await admin.AddQuote(article, speaker: $"Other Person {token}");

        Assert.Equal([hers], (await factory.Anonymous().GetOk($"/v1/quotes?tag={tag}&speaker={Uri.EscapeDataString($"álvaro núñez {token}")}")).ItemIds());
        Assert.Equal([hers], (await factory.Anonymous().GetOk($"/v1/quotes?speaker={Uri.EscapeDataString($"NÚÑEZ {token}")}")).ItemIds());
        Assert.Empty((await factory.Anonymous().GetOk($"/v1/quotes?speaker={Uri.EscapeDataString($"nobody {token}")}")).ItemIds());
        // LIKE wildcards are matched as text.
        Assert.Empty((await factory.Anonymous().GetOk($"/v1/quotes?tag={tag}&speaker=%25")).ItemIds());
        Assert.Empty((await factory.Anonymous().GetOk($"/v1/quotes?tag={tag}&speaker=_")).ItemIds());
    }

    [Fact]
    public async Task Quote_articleId_filter_lists_only_that_articles_quotes_in_order()
    {
        var tag = Http.UniqueSlug("qart");
        var admin = factory.Admin();
        var article = (await admin.NewArticle([tag])).IdOf();
        var other = (await admin.NewArticle([tag])).IdOf();
        var second = (await admin.AddQuote(article, text: "Second", position: 2)).IdOf();
        var first = (await admin.AddQuote(article, text: "First", position: 1)).IdOf();
        await admin.AddQuote(other);

        Assert.Equal([first, second], (await factory.Anonymous().GetOk($"/v1/quotes?articleId={article}")).ItemIds());
        Assert.Empty((await factory.Anonymous().GetOk("/v1/quotes?articleId=999999999")).ItemIds());
        await (await factory.Anonymous().GetAsync("/v1/quotes?articleId=0")).AssertFieldError("articleId");
        await (await factory.Anonymous().GetAsync("/v1/quotes?articleId=abc")).AssertProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Quote_tag_filter_lists_quotes_of_articles_with_any_of_the_tags()
    {
        var (a, b) = (Http.UniqueSlug("qta"), Http.UniqueSlug("qtb"));
        var admin = factory.Admin();
        var inA = (await admin.AddQuote((await admin.NewArticle([a])).IdOf())).IdOf();
        var inB = (await admin.AddQuote((await admin.NewArticle([b])).IdOf())).IdOf();
        await admin.AddQuote((await admin.NewArticle([Http.UniqueSlug("qtc")])).IdOf());
        var inDraft = (await admin.AddQuote((await admin.NewArticle([a], status: "draft")).IdOf())).IdOf();

        Assert.Equal([inA], (await factory.Anonymous().GetOk($"/v1/quotes?tag={a}")).ItemIds());
        Assert.Equal([inB, inA], (await factory.Anonymous().GetOk($"/v1/quotes?tag={a}&tag={b}")).ItemIds());
        Assert.Equal([inDraft, inA], (await admin.GetOk($"/v1/quotes?tag={a}")).ItemIds());
        Assert.Empty((await factory.Anonymous().GetOk($"/v1/quotes?tag={Http.UniqueSlug("qtnone")}")).ItemIds());
        await AssertParameterError(await factory.Anonymous().GetAsync("/v1/quotes?tag=Bad_Tag"), "tag");
    }

    [Fact]
    public async Task Quote_filters_combine()
    {
        var tag = Http.UniqueSlug("qcombo");
        var token = Guid.NewGuid().ToString("N")[..8];
        var admin = factory.Admin();
        var article = (await admin.NewArticle([tag])).IdOf();
        var other = (await admin.NewArticle([tag])).IdOf();
        var wanted = (await admin.AddQuote(article, speaker: $"Speaker {token}")).IdOf();
        await admin.AddQuote(other, speaker: $"Speaker {token}");
        await admin.AddQuote(article, speaker: "Someone else");

        Assert.Equal([wanted], (await factory.Anonymous().GetOk($"/v1/quotes?tag={tag}&articleId={article}&speaker={token}")).ItemIds());
    }
}
