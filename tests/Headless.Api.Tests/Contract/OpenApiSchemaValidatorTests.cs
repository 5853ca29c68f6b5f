using System.Net;
using System.Text.Json.Nodes;

namespace Headless.Api.Tests.Contract;

/// <summary>
/// The contract test's own checks catch what they claim to: the schema validator on the committed spec's own schemas,
/// and the status, media type and coverage checks of <see cref="ContractSpec"/>. Without these, a validator that
/// accepted everything would let the contract test pass.
/// </summary>
public sealed class OpenApiSchemaValidatorTests
{
    private static readonly ContractSpec Spec = ContractSpec.Load();

    private static JsonNode Ref(string name) => new JsonObject { ["$ref"] = $"#/components/schemas/{name}" };

    private static JsonObject Tag() => new()
    {
        ["id"] = 3, ["slug"] = "sovereignty", ["name"] = "Sovereignty", ["description"] = null, ["articleCount"] = 1,
        ["createdAt"] = "2026-11-20T09:00:00Z", ["updatedAt"] = "2026-11-20T09:00:00.1234567Z", ["version"] = 1,
    };

    private static List<string> Validate(string schema, JsonNode? instance, SparseFieldset? sparse = null) =>
        Spec.Validator.Validate(Ref(schema), instance, sparse: sparse);

    [Fact]
    public void A_response_as_documented_passes() => Assert.Empty(Validate("TagResponse", Tag()));

    [Fact]
    public void An_undeclared_property_is_named_with_its_path()
    {
        var list = new JsonObject { ["data"] = new JsonArray(Tag()), ["page"] = new JsonObject { ["limit"] = 20, ["next"] = null } };
        list["data"]![0]!["colour"] = "red";

        var error = Assert.Single(Validate("TagResponseListResponse", list));
        Assert.StartsWith("$.data[0].colour: the property 'colour' is not declared", error);
    }

    [Fact]
    public void A_missing_required_property_fails()
    {
        var tag = Tag();
        tag.Remove("articleCount");
        Assert.StartsWith("$.articleCount: the required property", Assert.Single(Validate("TagResponse", tag)));
    }

    [Fact]
    public void Null_passes_only_where_nullable_including_next_to_allOf()
    {
        var tag = Tag();
        tag["name"] = null;
        Assert.StartsWith("$.name: null, but the schema is not nullable", Assert.Single(Validate("TagResponse", tag)));

        var change = new JsonObject { ["seq"] = 1, ["type"] = "deleted", ["kind"] = "tag", ["id"] = 3, ["at"] = "2026-11-20T09:00:00Z", ["tag"] = null };
        Assert.Empty(Validate("ChangeEntry", change));
        change["type"] = null;
        Assert.StartsWith("$.type: null, but the schema is not nullable", Assert.Single(Validate("ChangeEntry", change)));
    }

    [Fact]
    public void Enums_types_and_formats_are_checked()
    {
        var tag = Tag();
        tag["createdAt"] = "20 November 2026";
        tag["version"] = 1.5;
        tag["articleCount"] = 3_000_000_000;
        tag["slug"] = 12;
        var errors = Validate("TagResponse", tag);
        Assert.Contains(errors, e => e.StartsWith("$.createdAt: \"20 November 2026\" is not an RFC 3339 date-time", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("$.version: 1.5 is not an integer", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("$.articleCount: 3000000000 does not fit int32", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("$.slug: expected a string", StringComparison.Ordinal));
        Assert.Equal(4, errors.Count);

        Assert.Contains("is not one of the enum values", Assert.Single(Validate("ArticleStatus", JsonValue.Create("pending"))));
        Assert.Contains("does not fit int64", Assert.Single(Spec.Validator.Validate(new JsonObject { ["type"] = "integer", ["format"] = "int64" }, JsonNode.Parse("9223372036854775808"))));
    }

    [Fact]
    public void A_sparse_fieldset_needs_only_the_fields_asked_for()
    {
        var article = new JsonObject { ["id"] = 1, ["headline"] = "A headline" };
        Assert.Contains(Validate("ArticleResponse", article), e => e.Contains("'slug' is missing", StringComparison.Ordinal));
        Assert.Empty(Validate("ArticleResponse", article, new SparseFieldset("#/components/schemas/ArticleResponse", new HashSet<string> { "id", "headline" })));
        Assert.Contains("'slug' is missing", Assert.Single(Validate("ArticleResponse", article, new SparseFieldset("#/components/schemas/ArticleResponse", new HashSet<string> { "id", "headline", "slug" }))));
    }

    [Fact]
    public void Undocumented_statuses_media_types_and_bodies_fail()
    {
        var getTag = Spec.Find("GET", "/v1/tags/12")!;
        Assert.Equal("GET /v1/tags/{id}", getTag.Name);
        Assert.Equal("GET /v1/tags/slug/{slug}", Spec.Find("GET", "/v1/tags/slug/12")!.Name);

        Assert.Contains("the status is not documented", Assert.Single(Spec.Check(getTag, HttpStatusCode.Conflict, "application/problem+json", "{}")));
        Assert.Contains("Content-Type 'text/html' is not documented", Assert.Single(Spec.Check(getTag, HttpStatusCode.OK, "text/html", "<p>")));
        Assert.Contains("no body is documented", Assert.Single(Spec.Check(getTag, HttpStatusCode.NotModified, "application/json", "{}")));
        Assert.Empty(Spec.Check(getTag, HttpStatusCode.NotModified, null, ""));
        Assert.Empty(Spec.Check(getTag, HttpStatusCode.OK, "application/json", Tag().ToJsonString()));
    }

    [Fact]
    public void Operations_without_a_contract_case_are_reported()
    {
        var recorder = new ContractRecorder(Spec);
        Assert.True(Spec.Operations.Count >= 50, $"The spec has only {Spec.Operations.Count} operations");
        Assert.Equal(Spec.Operations.Select(o => o.Name), recorder.WithoutSuccess());
        Assert.Equal(Spec.Operations.Select(o => o.Name), recorder.WithoutFailure());
    }
}
