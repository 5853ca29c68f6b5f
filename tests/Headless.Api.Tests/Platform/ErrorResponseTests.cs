using System.Net;
using Headless.Api.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Headless.Api.Tests.Platform;

public sealed class ErrorResponseTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Unknown_route_returns_404_problem()
    {
        var problem = await (await factory.Anonymous().GetAsync("/v1/no-such-thing")).AssertProblem(HttpStatusCode.NotFound);
        Assert.Equal("/v1/no-such-thing", problem["instance"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unsupported_method_returns_405_problem_with_allow_header()
    {
        var response = await factory.Admin().DeleteAsync("/v1/articles");
        await response.AssertProblem(HttpStatusCode.MethodNotAllowed);
        Assert.Contains("GET", response.Content.Headers.Allow);
    }

    [Fact]
    public async Task Malformed_json_returns_400_saying_where()
    {
        var response = await factory.Admin().PostRaw("/v1/tags", "{\"name\": \"x\",\n \"slug\": }");
        var problem = await response.AssertProblem(HttpStatusCode.BadRequest);
        Assert.Contains("line 2", problem["detail"]!.GetValue<string>());
        Assert.Equal("$.slug", problem["jsonPath"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_json_property_returns_400_naming_it()
    {
        var response = await factory.Admin().PostRaw("/v1/tags", "{\"name\": \"x\", \"colour\": \"red\"}");
        var problem = await response.AssertProblem(HttpStatusCode.BadRequest);
        Assert.Equal("$.colour", problem["jsonPath"]!.GetValue<string>());
        Assert.DoesNotContain("Headless.Api", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Empty_body_returns_400()
    {
        var response = await factory.Admin().PostRaw("/v1/tags", "");
        await response.AssertProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Body_that_is_not_json_returns_415()
    {
        var response = await factory.Admin().PostRaw("/v1/tags", "name=x", "application/x-www-form-urlencoded");
        var problem = await response.AssertProblem(HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("application/json", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_query_parameter_returns_400_naming_the_allowed_ones()
    {
        var problem = await (await factory.Anonymous().GetAsync("/v1/quotes?speakr=x")).AssertProblem(HttpStatusCode.BadRequest);
        Assert.Contains("speakr", problem["detail"]!.GetValue<string>());
        Assert.Contains("speaker", problem["allowed"]!.AsArray().Select(a => a!.GetValue<string>()));
    }

    [Fact]
    public async Task Query_value_of_the_wrong_type_returns_400()
    {
        await (await factory.Anonymous().GetAsync("/v1/tags?limit=ten")).AssertProblem(HttpStatusCode.BadRequest);
        await (await factory.Anonymous().GetAsync("/v1/tags?limit=99999999999999999999")).AssertProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Id_that_is_not_a_number_returns_404()
    {
        await (await factory.Anonymous().GetAsync("/v1/tags/abc")).AssertProblem(HttpStatusCode.NotFound);
    }
}

/// <summary>A fault inside the server is a 500 problem that gives away nothing of the internals.</summary>
public sealed class ServerFaultTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Database_fault_returns_500_problem_without_internals()
    {
        await (await factory.Anonymous().GetAsync("/v1/quotes")).AssertOk();
        await using (var connection = new SqliteConnection($"Data Source={factory.DatabasePath}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "DROP TABLE quotes";
            await command.ExecuteNonQueryAsync();
        }

        // Another URL than the one read above, which the output cache now holds.
        var response = await factory.Anonymous().GetAsync("/v1/quotes?limit=7");
        var problem = await response.AssertProblem(HttpStatusCode.InternalServerError);
        var body = problem.ToJsonString();
        Assert.DoesNotContain("quotes", problem["detail"]!.GetValue<string>());
        Assert.DoesNotContain("SQLite", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", body);
        Assert.NotNull(problem["traceId"]);
    }
}
