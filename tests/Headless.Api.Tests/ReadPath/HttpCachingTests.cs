using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Headless.Api.Tests.Infrastructure;

namespace Headless.Api.Tests.ReadPath;

/// <summary>The caching headers of reads, conditional GETs (304), and compressed responses.</summary>
public sealed class HttpCachingTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private HttpClient Client(bool keyed) => keyed ? factory.Admin() : factory.Anonymous();

    private static async Task<HttpResponseMessage> Get(HttpClient client, string url, string? ifNoneMatch = null, string? ifModifiedSince = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }

        if (ifModifiedSince is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Modified-Since", ifModifiedSince);
        }

        return await client.SendAsync(request);
    }

    private static async Task AssertNotModified(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    private static DateTimeOffset WholeSeconds(DateTimeOffset instant) => instant.AddTicks(-(instant.Ticks % TimeSpan.TicksPerSecond));

    private static string Http1123(DateTimeOffset instant) => instant.ToString("R", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Anonymous_article_read_carries_every_caching_header()
    {
        var admin = factory.Admin();
        var article = await admin.NewArticle([Http.UniqueSlug("hdr-a"), Http.UniqueSlug("hdr-b")]);
        var id = article.IdOf();

        var response = await factory.Anonymous().GetAsync($"/v1/articles/{id}");
        await response.AssertOk();

        Assert.StartsWith($"\"article-{id}-{article["version"]!.GetValue<long>()};", response.Headers.ETag!.ToString());
        Assert.False(response.Headers.ETag.IsWeak);
        var updatedAt = DateTimeOffset.Parse(article["updatedAt"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        Assert.Equal(WholeSeconds(updatedAt), response.Content.Headers.LastModified);
        var cacheControl = response.Headers.CacheControl!;
        Assert.True(cacheControl.Public);
        Assert.False(cacheControl.Private);
        Assert.False(cacheControl.NoStore);
        Assert.Equal(TimeSpan.FromSeconds(60), cacheControl.MaxAge);
        Assert.Contains(cacheControl.Extensions, e => e.Name == "stale-while-revalidate" && e.Value == "300");
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        Assert.Contains("X-Api-Key", response.Headers.Vary);
        var keys = response.SurrogateKeys();
        Assert.Contains($"article-{id}", keys);
        foreach (var tag in article["tags"]!.AsArray())
        {
            Assert.Contains($"tag-{tag!["id"]!.GetValue<long>()}", keys);
        }
    }

    [Fact]
    public async Task Keyed_read_is_private_and_not_stored()
    {
        var article = await factory.Admin().NewArticle([Http.UniqueSlug("hdr-key")]);

        var response = await factory.Admin().GetAsync($"/v1/articles/{article.IdOf()}");
        await response.AssertOk();

        var cacheControl = response.Headers.CacheControl!;
        Assert.True(cacheControl.Private);
        Assert.True(cacheControl.NoStore);
        Assert.False(cacheControl.Public);
        Assert.Null(cacheControl.MaxAge);
        Assert.Contains("X-Api-Key", response.Headers.Vary);
        Assert.StartsWith($"\"article-{article.IdOf()}-1;", response.Headers.ETag!.ToString());
    }

    [Fact]
    public async Task List_carries_the_list_key_and_the_keys_of_its_articles_and_no_last_modified()
    {
        var tag = Http.UniqueSlug("hdr-list");
        var admin = factory.Admin();
        var first = await admin.NewArticle([tag]);
        var second = await admin.NewArticle([tag]);

        var response = await factory.Anonymous().GetAsync($"/v1/articles?tag={tag}");
        await response.AssertOk();

        var keys = response.SurrogateKeys();
        Assert.Contains("articles", keys);
        Assert.Contains($"article-{first.IdOf()}", keys);
        Assert.Contains($"article-{second.IdOf()}", keys);
        Assert.Contains($"tag-{first["tags"]![0]!["id"]!.GetValue<long>()}", keys);
        Assert.True(response.Headers.CacheControl!.Public);
        Assert.NotNull(response.Headers.ETag);
        // Articles leave a list without any listed article changing: no date can validate a list, its ETag does.
        Assert.Null(response.Content.Headers.LastModified);
    }

    [Fact]
    public async Task Other_lists_carry_their_own_list_keys()
    {
        var admin = factory.Admin();
        var article = (await admin.NewArticle([Http.UniqueSlug("hdr-other")])).IdOf();
        await admin.AddQuote(article);
        await admin.AddLink(article);
        var client = factory.Anonymous();

        Assert.Contains("quotes", (await client.GetAsync($"/v1/quotes?articleId={article}")).SurrogateKeys());
        Assert.Contains("quotes", (await client.GetAsync($"/v1/articles/{article}/quotes")).SurrogateKeys());
        Assert.Contains("links", (await client.GetAsync($"/v1/articles/{article}/links")).SurrogateKeys());
        Assert.Contains("tags", (await client.GetAsync("/v1/tags?limit=1")).SurrogateKeys());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task If_none_match_with_the_etag_or_a_star_is_304_without_a_body(bool keyed)
    {
        var article = await factory.Admin().NewArticle([Http.UniqueSlug("inm")]);
        var url = $"/v1/articles/{article.IdOf()}";
        var client = Client(keyed);
        var etag = (await client.GetAsync(url)).Headers.ETag!.ToString();

        await AssertNotModified(await Get(client, url, ifNoneMatch: etag));
        await AssertNotModified(await Get(client, url, ifNoneMatch: "*"));
        await AssertNotModified(await Get(client, url, ifNoneMatch: $"\"other\", {etag}"));
        await AssertNotModified(await Get(client, url, ifNoneMatch: $"W/{etag}"));
        Assert.Equal(HttpStatusCode.OK, (await Get(client, url, ifNoneMatch: "\"article-0-0\"")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Get(client, url, ifNoneMatch: etag.Replace("-1;", "-2;", StringComparison.Ordinal))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Get(client, url, ifNoneMatch: $"\"article-{article.IdOf()}-1\"")).StatusCode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task If_modified_since_at_or_after_last_modified_is_304_and_before_is_200(bool keyed)
    {
        var article = await factory.Admin().NewArticle([Http.UniqueSlug("ims")]);
        var url = $"/v1/articles/{article.IdOf()}";
        var client = Client(keyed);
        var lastModified = (await client.GetAsync(url)).Content.Headers.LastModified!.Value;

        await AssertNotModified(await Get(client, url, ifModifiedSince: Http1123(lastModified)));
        await AssertNotModified(await Get(client, url, ifModifiedSince: Http1123(lastModified.AddHours(1))));
        var before = await Get(client, url, ifModifiedSince: Http1123(lastModified.AddSeconds(-1)));
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(article.IdOf(), (await before.AssertOk()).IdOf());
        Assert.Equal(HttpStatusCode.OK, (await Get(client, url, ifModifiedSince: "not a date")).StatusCode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task If_none_match_wins_over_if_modified_since(bool keyed)
    {
        var article = await factory.Admin().NewArticle([Http.UniqueSlug("both")]);
        var url = $"/v1/articles/{article.IdOf()}";
        var client = Client(keyed);
        var first = await client.GetAsync(url);
        var etag = first.Headers.ETag!.ToString();
        var lastModified = first.Content.Headers.LastModified!.Value;

        // A stale ETag with a date that alone would be 304: the ETag decides, 200.
        Assert.Equal(HttpStatusCode.OK, (await Get(client, url, ifNoneMatch: "\"stale\"", ifModifiedSince: Http1123(lastModified.AddHours(1)))).StatusCode);
        // A matching ETag with a date that alone would be 200: still 304.
        await AssertNotModified(await Get(client, url, ifNoneMatch: etag, ifModifiedSince: Http1123(lastModified.AddDays(-1))));
    }

    [Fact]
    public async Task Etag_changes_with_the_article_and_the_old_one_no_longer_answers_304()
    {
        var admin = factory.Admin();
        var article = await admin.NewArticle([Http.UniqueSlug("chg")]);
        var url = $"/v1/articles/{article.IdOf()}";
        var client = factory.Anonymous();
        var before = (await client.GetAsync(url)).Headers.ETag!.ToString();

        await (await admin.PatchMerge(url, new { headline = "Changed" })).AssertOk();
        var response = await Get(client, url, ifNoneMatch: before);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith($"\"article-{article.IdOf()}-2;", response.Headers.ETag!.ToString());
        Assert.Equal("Changed", (await response.AssertOk())["headline"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task List_answers_304_for_its_etag_and_200_once_it_changes(bool keyed)
    {
        var tag = Http.UniqueSlug("l304");
        var admin = factory.Admin();
        await admin.NewArticle([tag]);
        var url = $"/v1/articles?tag={tag}";
        var client = Client(keyed);
        var etag = (await client.GetAsync(url)).Headers.ETag!.ToString();

        await AssertNotModified(await Get(client, url, ifNoneMatch: etag));
        await admin.NewArticle([tag]);
        var changed = await Get(client, url, ifNoneMatch: etag);

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(2, (await changed.AssertOk())["data"]!.AsArray().Count);
        Assert.NotEqual(etag, changed.Headers.ETag!.ToString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task List_has_no_last_modified_and_its_etag_sees_an_article_leave(bool keyed)
    {
        var tag = Http.UniqueSlug("left");
        var admin = factory.Admin();
        var leaving = await admin.NewArticle([tag]);
        var staying = await admin.NewArticle([tag]);
        var url = $"/v1/articles?tag={tag}";
        var client = Client(keyed);
        var first = await client.GetAsync(url);
        Assert.Equal(2, (await first.AssertOk())["data"]!.AsArray().Count);
        var etag = first.Headers.ETag!.ToString();
        var lastModified = first.Content.Headers.LastModified;

        // The newest article stays, so the newest change of what is still listed is as old as before.
        await (await admin.PostAsync($"/v1/articles/{leaving.IdOf()}/unpublish", null)).AssertOk();

        var byETag = await Get(client, url, ifNoneMatch: etag);
        Assert.Equal([staying.IdOf()], (await byETag.AssertOk()).ItemIds());
        Assert.Null(lastModified);
        Assert.Null(byETag.Content.Headers.LastModified);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Article_with_included_quotes_has_no_last_modified_and_its_etag_sees_a_quote_deleted(bool keyed)
    {
        var admin = factory.Admin();
        var article = (await admin.NewArticle([Http.UniqueSlug("qdel")])).IdOf();
        var quote = await admin.AddQuote(article, text: "Soon deleted.");
        var url = $"/v1/articles/{article}?include=quotes";
        var client = Client(keyed);
        var first = await client.GetAsync(url);
        Assert.Single((await first.AssertOk())["quotes"]!.AsArray());
        var etag = first.Headers.ETag!.ToString();
        var lastModified = first.Content.Headers.LastModified;

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteCurrent($"/v1/quotes/{quote.IdOf()}")).StatusCode);

        var byETag = await Get(client, url, ifNoneMatch: etag);
        Assert.Empty((await byETag.AssertOk())["quotes"]!.AsArray());
        // A deleted quote leaves no timestamp behind: only the ETag can tell, so there is no Last-Modified to send back.
        Assert.Null(lastModified);
        Assert.Null(byETag.Content.Headers.LastModified);
        Assert.NotNull((await client.GetAsync($"/v1/articles/{article}")).Content.Headers.LastModified);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Tag_has_no_last_modified_since_its_article_count_changes_without_it(bool keyed)
    {
        var admin = factory.Admin();
        var slug = Http.UniqueSlug("tcount");
        var tagId = (await admin.NewArticle([slug]))["tags"]![0]!.IdOf();
        var url = $"/v1/tags/{tagId}";
        var client = Client(keyed);
        var first = await client.GetAsync(url);
        Assert.Equal(1, (await first.AssertOk())["articleCount"]!.GetValue<int>());

        await admin.NewArticle([slug]);
        var second = await client.GetAsync(url);

        Assert.Equal(2, (await second.AssertOk())["articleCount"]!.GetValue<int>());
        // The count changed and the tag's updatedAt did not: a Last-Modified from it would let If-Modified-Since answer 304.
        Assert.Null(first.Content.Headers.LastModified);
        Assert.Null(second.Content.Headers.LastModified);
        Assert.StartsWith($"\"tag-{tagId}-1;", second.Headers.ETag!.ToString());
    }

    [Fact]
    public async Task Read_with_formats_has_its_own_etag_whose_version_still_works_for_if_match()
    {
        var admin = factory.Admin();
        var article = await admin.NewArticle([Http.UniqueSlug("fmt")]);
        var url = $"/v1/articles/{article.IdOf()}";
        var plain = (await admin.GetAsync(url)).Headers.ETag!.ToString();
        var textResponse = await admin.GetAsync($"{url}?formats=text");
        var text = textResponse.Headers.ETag!.ToString();

        Assert.NotEqual(plain, text);
        Assert.StartsWith($"\"article-{article.IdOf()}-1;", text);
        await AssertNotModified(await Get(admin, $"{url}?formats=text", ifNoneMatch: text));
        Assert.Equal(HttpStatusCode.OK, (await Get(admin, $"{url}?formats=text", ifNoneMatch: plain)).StatusCode);

        var put = new HttpRequestMessage(HttpMethod.Put, url)
        {
            Content = JsonContent(new { headline = "Replaced through a text ETag", body = "New body." }),
        };
        put.Headers.TryAddWithoutValidation("If-Match", text);
        var replaced = await (await admin.SendAsync(put)).AssertOk();

        Assert.Equal(2, replaced["version"]!.GetValue<long>());
        // The same ETag is now stale.
        var again = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent(new { headline = "Again", body = "New body." }) };
        again.Headers.TryAddWithoutValidation("If-Match", text);
        await (await admin.SendAsync(again)).AssertProblem(HttpStatusCode.PreconditionFailed);
    }

    private static StringContent JsonContent(object body) =>
        new(System.Text.Json.JsonSerializer.Serialize(body, Http.Json), System.Text.Encoding.UTF8, "application/json");

    [Fact]
    public async Task Not_found_is_not_cacheable_and_carries_no_etag()
    {
        var response = await factory.Anonymous().GetAsync("/v1/articles/987654321");

        await response.AssertProblem(HttpStatusCode.NotFound);
        Assert.Null(response.Headers.ETag);
        Assert.False(response.Headers.CacheControl?.Public ?? false);
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task Json_is_compressed_when_the_client_accepts_it(string encoding)
    {
        var tag = Http.UniqueSlug("zip");
        var admin = factory.Admin();
        for (var i = 0; i < 3; i++)
        {
            await admin.NewArticle([tag]);
        }

        foreach (var (client, url) in new[] { (factory.Anonymous(), $"/v1/articles?tag={tag}"), (factory.Admin(), $"/v1/articles?tag={tag}&limit=5") })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
            var response = await client.SendAsync(request);
            var bytes = await response.Content.ReadAsByteArrayAsync();

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal([encoding], response.Content.Headers.ContentEncoding);
            Assert.NotEqual((byte)'{', bytes[0]);
            using var compressed = new MemoryStream(bytes);
            using Stream decompressor = encoding == "br"
                ? new BrotliStream(compressed, CompressionMode.Decompress)
                : new GZipStream(compressed, CompressionMode.Decompress);
            var json = JsonNode.Parse(decompressor)!;
            Assert.Equal(3, json["data"]!.AsArray().Count);
            Assert.Contains("Accept-Encoding", response.Headers.Vary);
        }
    }

    [Fact]
    public async Task Json_is_not_compressed_without_accept_encoding()
    {
        var article = await factory.Admin().NewArticle([Http.UniqueSlug("nozip")]);

        var response = await factory.Anonymous().GetAsync($"/v1/articles/{article.IdOf()}");

        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Equal(article.IdOf(), (await response.AssertOk()).IdOf());
    }

    [Fact]
    public async Task Compressed_and_plain_reads_of_the_same_url_do_not_get_each_others_cached_copy()
    {
        var article = await factory.Admin().NewArticle([Http.UniqueSlug("zipcache")]);
        var url = $"/v1/articles/{article.IdOf()}";
        var client = factory.Anonymous();
        var compressedRequest = new HttpRequestMessage(HttpMethod.Get, url);
        compressedRequest.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));

        var compressed = await client.SendAsync(compressedRequest);
        var plain = await client.GetAsync(url);

        Assert.Equal(["gzip"], compressed.Content.Headers.ContentEncoding);
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.Equal(article.IdOf(), (await plain.AssertOk()).IdOf());
    }
}
