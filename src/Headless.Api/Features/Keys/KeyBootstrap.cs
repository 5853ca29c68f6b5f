using Headless.Api.Common.Auth;

namespace Headless.Api.Features.Keys;

/// <summary>
/// Makes sure a new installation can be administered: with no <c>Headless:AdminKey</c> and no key in the database,
/// creates an admin key and prints it once to the console.
/// </summary>
public sealed class KeyBootstrap(KeyStore store, IConfiguration configuration)
{
    public const string KeyName = "bootstrap admin";

    public async Task CreateAdminKeyIfNoneAsync(CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(configuration["Headless:AdminKey"]))
        {
            return;
        }

        var secret = ApiKeyTokens.NewSecret();
        if (await store.CreateIfNoKeysAsync(KeyWrite.ForSecret(secret, KeyName, Roles.Admin, [], []), ct) is null)
        {
            return;
        }

        // Straight to the console, not through ILogger: a secret must never reach log files or log collectors.
        Console.WriteLine($"""

            No admin key is configured (Headless:AdminKey) and the database has no API keys, so an admin API key
            named "{KeyName}" was created. Store it now in a password manager or secret store: it is shown only this
            once, and only its hash is kept.

                {secret}

            Send it in the X-Api-Key header (or as Authorization: Bearer) to create keys with POST /v1/keys.

            """);
    }
}
