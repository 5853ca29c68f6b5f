using Dapper;
using Headless.Api.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Headless.Api.Tests.Keys;

public sealed class KeyStorageTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Only_a_hash_of_the_secret_is_stored()
    {
        var key = await factory.Admin().CreateKey("partner", tags: ["mexico"], sections: ["World"]);
        var secret = key.Secret();

        await using var connection = new SqliteConnection($"Data Source={factory.DatabasePath}");
        // Every column, on purpose: none may hold the secret.
        var row = (IDictionary<string, object?>)await connection.QuerySingleAsync("SELECT * FROM api_keys WHERE id = @id", new { id = key.KeyId() });

        foreach (var (column, value) in row)
        {
            var text = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
            Assert.False(text.Contains(secret[3..], StringComparison.Ordinal), $"Column {column} holds the secret.");
        }

        Assert.Matches("^[0-9a-f]{64}$", (string)row["secret_hash"]!);
        Assert.Equal(secret[..10], row["token_prefix"]);
    }
}
