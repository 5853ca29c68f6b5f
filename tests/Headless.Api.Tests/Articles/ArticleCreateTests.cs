using System.Net;
using Headless.Api.Tests.Infrastructure;

namespace Headless.Api.Tests.Articles;

public sealed class ArticleCreateTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Post_returns_201_with_location_and_the_full_article()
    {
        var slug = Http.UniqueSlug("create");
        var response = await factory.Admin().PostJson("/v1/articles", new
        {
            headline = "  Floods close the coast road  ",
            slug,
            dek = "Residents were told to stay home.",
            body = "The road was closed on *Monday*.\n\nIt may reopen on Friday.",
            section = "World",
            byline = "Ana Ruiz",
            language = "es-MX",
            canonicalUrl = "https://example.com/floods",
            status = "published",
            tags = new[] { "floods" },
        });

        var article = await response.AssertOk(HttpStatusCode.Created);
        var id = article.Id();
        Assert.Equal($"/v1/articles/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal(slug, article.Slug());
        Assert.Equal("Floods close the coast road", article.Text("headline"));
        Assert.Equal("Residents were told to stay home.", article.Text("dek"));
        Assert.Equal("World", article.Text("section"));
        Assert.Equal("Ana Ruiz", article.Text("byline"));
        Assert.Equal("es-MX", article.Text("language"));
        Assert.Equal("https://example.com/floods", article.Text("canonicalUrl"));
        Assert.Equal("published", article.Text("status"));
        Assert.Equal(1, article["version"]!.GetValue<long>());
        Assert.Equal(["floods"], article.TagSlugs());

        var body = article["body"]!;
        Assert.Contains("<em>Monday</em>", body.Text("html"));
        Assert.Equal("The road was closed on Monday.\n\nIt may reopen on Friday.", body.Text("text"));
        Assert.Equal("The road was closed on *Monday*.\n\nIt may reopen on Friday.", body.Text("markdown"));

        var read = await (await factory.Admin().GetAsync($"/v1/articles/{id}")).AssertOk();
        Assert.Equal(slug, read.Slug());
    }

    [Fact]
    public async Task Post_with_only_a_headline_uses_the_defaults()
    {
        var article = await (await factory.Admin().PostJson("/v1/articles", new { headline = $"Defaults {ArticleRequests.Token()}" }))
            .AssertOk(HttpStatusCode.Created);

        Assert.Equal("draft", article.Text("status"));
        Assert.Equal("en", article.Text("language"));
        Assert.Null(article["publishedAt"]);
        Assert.Null(article["dek"]);
        Assert.Null(article["section"]);
        Assert.Null(article["byline"]);
        Assert.Null(article["canonicalUrl"]);
        Assert.Null(article["featuredImage"]);
        Assert.Empty(article["tags"]!.AsArray());
        Assert.Equal("", article.Text("excerpt"));
        Assert.Equal(0, article["wordCount"]!.GetValue<int>());
        Assert.Equal(0, article["readingTimeMinutes"]!.GetValue<int>());
        Assert.Equal(article.Instant("createdAt"), article.Instant("updatedAt"));
    }

    [Fact]
    public async Task Post_published_without_publishedAt_sets_it_to_now()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var article = await factory.Admin().CreateArticle(status: "published");
        var after = DateTimeOffset.UtcNow.AddSeconds(1);

        var publishedAt = article.Instant("publishedAt");
        Assert.InRange(publishedAt, before, after);
        Assert.EndsWith("Z", article.Text("publishedAt"));
    }

    [Fact]
    public async Task Post_published_with_past_publishedAt_keeps_it()
    {
        var response = await factory.Admin().PostJson("/v1/articles", new
        {
            headline = "From the archive",
            slug = Http.UniqueSlug("archive"),
            status = "published",
            publishedAt = "2019-03-04T05:06:07+02:00",
        });

        var article = await response.AssertOk(HttpStatusCode.Created);
        Assert.Equal(new DateTimeOffset(2019, 3, 4, 3, 6, 7, TimeSpan.Zero), article.Instant("publishedAt"));
        Assert.Equal("2019-03-04T03:06:07Z", article.Text("publishedAt"));
    }

    [Fact]
    public async Task Post_draft_with_publishedAt_returns_400()
    {
        var response = await factory.Admin().PostJson("/v1/articles", new
        {
            headline = "Not yet out",
            slug = Http.UniqueSlug("draft"),
            status = "draft",
            publishedAt = "2020-01-01T00:00:00Z",
        });

        await response.AssertFieldError("publishedAt");
    }

    [Fact]
    public async Task Post_without_slug_makes_one_from_the_headline_folding_diacritics_and_dropping_quotes()
    {
        var token = ArticleRequests.Token();
        var response = await factory.Admin().PostJson("/v1/articles", new { headline = $"México’s “Big” Day {token}" });

        var article = await response.AssertOk(HttpStatusCode.Created);
        Assert.Equal($"mexicos-big-day-{token}", article.Slug());
        Assert.Equal($"México’s “Big” Day {token}", article.Text("headline"));
    }

    [Fact]
    public async Task Post_without_slug_adds_a_numeric_suffix_when_the_made_slug_is_taken()
    {
        var headline = $"Election night {ArticleRequests.Token()}";
        var admin = factory.Admin();

        var first = await (await admin.PostJson("/v1/articles", new { headline })).AssertOk(HttpStatusCode.Created);
        var second = await (await admin.PostJson("/v1/articles", new { headline })).AssertOk(HttpStatusCode.Created);
        var third = await (await admin.PostJson("/v1/articles", new { headline })).AssertOk(HttpStatusCode.Created);

        var slug = first.Slug();
        Assert.Equal($"{slug}-2", second.Slug());
        Assert.Equal($"{slug}-3", third.Slug());
    }

    [Fact]
    public async Task Post_without_slug_suffixes_a_long_made_slug_within_120_characters_every_time()
    {
        // The made slug fills all 120 characters, so each suffix has to replace its end.
        var headline = $"{ArticleRequests.Token()} {new string('w', 107)}";
        var admin = factory.Admin();

        var slugs = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            slugs.Add((await (await admin.PostJson("/v1/articles", new { headline })).AssertOk(HttpStatusCode.Created)).Slug());
        }

        Assert.Equal(120, slugs[0].Length);
        Assert.Equal(4, slugs.Distinct().Count());
        Assert.All(slugs, slug => Assert.True(slug.Length <= 120, slug));
        Assert.Equal(slugs[0][..118] + "-2", slugs[1]);
        Assert.Equal(slugs[0][..118] + "-3", slugs[2]);
        Assert.Equal(slugs[0][..118] + "-4", slugs[3]);
    }

    [Fact]
    public async Task Post_without_slug_and_nothing_usable_in_the_headline_still_gets_a_slug()
    {
        var article = await (await factory.Admin().PostJson("/v1/articles", new { headline = "¿¡…!?" })).AssertOk(HttpStatusCode.Created);

        Assert.Matches("^article(-[0-9]+)?$", article.Slug());
    }

    [Fact]
    public async Task Post_with_taken_slug_returns_409()
    {
        var admin = factory.Admin();
        var existing = await admin.CreateArticle();

        var response = await admin.PostJson("/v1/articles", new { headline = "Another story", slug = existing.Slug() });

        var problem = await response.AssertProblem(HttpStatusCode.Conflict);
        Assert.Equal(existing.Slug(), problem.Text("slug"));
        Assert.Contains(existing.Slug(), problem.Text("detail"));
    }

    [Fact]
    public async Task Post_with_unknown_tags_creates_them_and_keeps_the_given_order()
    {
        var tags = new[] { Http.UniqueSlug("zeta"), Http.UniqueSlug("alpha"), Http.UniqueSlug("mid") };
        var article = await factory.Admin().CreateArticle(tags: tags);

        Assert.Equal(tags, article.TagSlugs());
        foreach (var tag in tags)
        {
            var read = await (await factory.Anonymous().GetAsync($"/v1/tags/slug/{tag}")).AssertOk();
            Assert.Equal(tag, read.Slug());
        }
    }

    [Fact]
    public async Task Post_with_an_existing_tag_reuses_it()
    {
        var admin = factory.Admin();
        var tag = Http.UniqueSlug("shared");
        var first = await admin.CreateArticle(tags: [tag]);
        var second = await admin.CreateArticle(tags: [tag]);

        Assert.Equal(first["tags"]![0]!["id"]!.GetValue<long>(), second["tags"]![0]!["id"]!.GetValue<long>());
    }

    [Fact]
    public async Task Post_with_duplicate_tags_keeps_each_once_in_first_order()
    {
        var a = Http.UniqueSlug("dup-a");
        var b = Http.UniqueSlug("dup-b");
        var article = await factory.Admin().CreateArticle(tags: [a, b, a, b, a]);

        Assert.Equal([a, b], article.TagSlugs());
    }

    [Fact]
    public async Task Post_without_excerpt_derives_it_from_the_first_paragraph()
    {
        var article = await factory.Admin().CreateArticle(body: "# A heading\n\nThe *first* paragraph\nwraps here.\n\nThe second one.");

        Assert.Equal("The first paragraph wraps here.", article.Text("excerpt"));
    }

    [Fact]
    public async Task Post_with_long_first_paragraph_cuts_the_derived_excerpt_at_a_word()
    {
        var paragraph = string.Join(' ', Enumerable.Repeat("lorem ipsum", 60));
        var article = await factory.Admin().CreateArticle(body: paragraph);

        var excerpt = article.Text("excerpt")!;
        Assert.EndsWith("…", excerpt);
        Assert.True(excerpt.Length <= 241, excerpt);
        Assert.StartsWith(excerpt[..^1], paragraph);
        Assert.False(excerpt[..^1].EndsWith(' '));
        Assert.True(paragraph[excerpt.Length - 1] == ' ', "The excerpt should end at a word boundary.");
    }

    [Fact]
    public async Task Post_with_excerpt_keeps_it()
    {
        var response = await factory.Admin().PostJson("/v1/articles", new
        {
            headline = "Explicit excerpt",
            slug = Http.UniqueSlug("excerpt"),
            body = "The first paragraph.",
            excerpt = "  Written by the editor.  ",
        });

        var article = await response.AssertOk(HttpStatusCode.Created);
        Assert.Equal("Written by the editor.", article.Text("excerpt"));
    }

    [Fact]
    public async Task Post_derives_word_count_and_reading_time()
    {
        var words = string.Join(' ', Enumerable.Range(0, 461).Select(i => $"word{i}"));
        var article = await factory.Admin().CreateArticle(body: $"Mexico’s well-known *story*.\n\n{words}");

        Assert.Equal(3 + 461, article["wordCount"]!.GetValue<int>());
        Assert.Equal(3, article["readingTimeMinutes"]!.GetValue<int>());
    }

    [Fact]
    public async Task Post_with_a_short_body_reads_in_one_minute()
    {
        var article = await factory.Admin().CreateArticle(body: "Just four words here.");

        Assert.Equal(4, article["wordCount"]!.GetValue<int>());
        Assert.Equal(1, article["readingTimeMinutes"]!.GetValue<int>());
    }

    [Fact]
    public async Task Post_with_featured_image_round_trips_it()
    {
        var image = new { url = "https://cdn.example.com/a.jpg", alt = "A flooded road", caption = "The coast road on Monday.", credit = "Photo: Ana Ruiz" };
        var created = await (await factory.Admin().PostJson("/v1/articles", new
        {
            headline = "With an image",
            slug = Http.UniqueSlug("image"),
            status = "published",
            featuredImage = image,
        })).AssertOk(HttpStatusCode.Created);

        var read = await (await factory.Anonymous().GetAsync($"/v1/articles/{created.Id()}")).AssertOk();
        foreach (var article in new[] { created, read })
        {
            var featured = article["featuredImage"]!;
            Assert.Equal(image.url, featured.Text("url"));
            Assert.Equal(image.alt, featured.Text("alt"));
            Assert.Equal(image.caption, featured.Text("caption"));
            Assert.Equal(image.credit, featured.Text("credit"));
        }
    }

    [Fact]
    public async Task Post_with_site_relative_featured_image_url_is_accepted()
    {
        var created = await (await factory.Admin().PostJson("/v1/articles", new
        {
            headline = "Relative image",
            slug = Http.UniqueSlug("relimage"),
            featuredImage = new { url = "/images/a.jpg" },
        })).AssertOk(HttpStatusCode.Created);

        Assert.Equal("/images/a.jpg", created["featuredImage"]!.Text("url"));
        Assert.Null(created["featuredImage"]!["alt"]);
    }
}
