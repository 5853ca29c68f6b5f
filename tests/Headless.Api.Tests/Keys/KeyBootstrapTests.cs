using System.Text.RegularExpressions;
using Headless.Api.Tests.Infrastructure;

namespace Headless.Api.Tests.Keys;

/// <summary>Tests that capture <see cref="Console.Out"/>, which is process-wide: they run alone, after the parallel tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "Console";
}

[Collection(ConsoleCollection.Name)]
public sealed partial class KeyBootstrapTests
{
    [Fact]
    public async Task First_start_without_any_admin_key_prints_one_that_works_and_a_restart_prints_nothing()
    {
        var original = Console.Out;
        var output = new StringWriter();
        Console.SetOut(output);
        try
        {
            await using var first = new NoAdminKeyFactory();
            first.Anonymous();
            var printed = output.ToString();
            var secret = Assert.Single(Secret().Matches(printed)).Value;
            Assert.Contains("Store it now", printed);
            Assert.Contains("bootstrap admin", printed);

            output.GetStringBuilder().Clear();
            await using (var second = new NoAdminKeyFactory(first.DatabasePath))
            {
                second.Anonymous();
                Assert.DoesNotMatch(Secret(), output.ToString());
                Assert.DoesNotContain("Store it now", output.ToString());
            }

            var list = await (await first.WithKey(secret).GetAsync("/v1/keys")).AssertOk();
            var key = Assert.Single(list["data"]!.AsArray())!;
            Assert.Equal("bootstrap admin", key["name"]!.GetValue<string>());
            Assert.Equal("admin", key["role"]!.GetValue<string>());
            Assert.DoesNotMatch(Secret(), list.ToJsonString());
        }
        finally
        {
            Console.SetOut(original);
        }
    }

    [Fact]
    public async Task No_key_is_printed_when_the_admin_key_is_configured()
    {
        var original = Console.Out;
        var output = new StringWriter();
        Console.SetOut(output);
        try
        {
            await using var factory = new ApiFactory();
            factory.Anonymous();

            Assert.DoesNotMatch(Secret(), output.ToString());
            var list = await (await factory.Admin().GetAsync("/v1/keys")).AssertOk();
            Assert.Empty(list["data"]!.AsArray());
        }
        finally
        {
            Console.SetOut(original);
        }
    }

    [GeneratedRegex("hl_[A-Za-z0-9_-]{43}")]
    private static partial Regex Secret();

    /// <summary>No <c>Headless:AdminKey</c>; optionally on another factory's database file, to start it a second time.</summary>
    private sealed class NoAdminKeyFactory(string? databasePath = null) : ApiFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => databasePath is null
            ? [new("Headless:AdminKey", "")]
            : [new("Headless:AdminKey", ""), new("ConnectionStrings:Headless", $"Data Source={databasePath}")];
    }
}
