using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Headless.Api.Common.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Headless.Api.Features.Keys;

public sealed class ApiKeyOptions : AuthenticationSchemeOptions
{
    /// <summary>The bootstrap admin key (<c>Headless:AdminKey</c>), valid besides the keys in the database; none when not set.</summary>
    public string? AdminKey { get; set; }
}

/// <summary>
/// Authenticates the key in <c>X-Api-Key</c> or <c>Authorization: Bearer</c>: the configured admin key, or a key from the
/// database found by the hash of its secret. No key means anonymous; a wrong, unknown or revoked key is a failure that
/// <see cref="ApiKeySetup.UseApiKeys"/> answers with 401 on every route. Keys are compared in constant time and never
/// logged or echoed.
/// </summary>
public sealed class ApiKeyHandler(
    IOptionsMonitor<ApiKeyOptions> options, ILoggerFactory logger, UrlEncoder encoder, IProblemDetailsService problems, KeyStore keys)
    : AuthenticationHandler<ApiKeyOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    public const string BearerScheme = "Bearer";

    /// <summary>The <c>WWW-Authenticate</c> value of a 401: the two ways to send a key.</summary>
    public const string Challenge = $"{SchemeName} header=\"{HeaderName}\", {BearerScheme}";

    private const string NotValid = "The API key is not valid: it is unknown or has been revoked.";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!TryReadKey(out var key, out var failure))
        {
            return AuthenticateResult.Fail(failure);
        }

        if (key is null)
        {
            return AuthenticateResult.NoResult();
        }

        if (!string.IsNullOrEmpty(Options.AdminKey) && FixedTimeEquals(key, Options.AdminKey))
        {
            return Success([new Claim(ClaimTypes.Name, Actor.ConfigurationAdmin.Name), new Claim(ClaimTypes.Role, Roles.Admin)]);
        }

        // Only text shaped like one of our secrets is looked up.
        if (!ApiKeyTokens.LooksLikeSecret(key))
        {
            return AuthenticateResult.Fail(NotValid);
        }

        var hash = ApiKeyTokens.Hash(key);
        var row = await keys.FindBySecretHashAsync(hash, Context.RequestAborted);
        // The lookup matched on the hash already; comparing again in constant time keeps the check itself free of timing leaks.
        if (row is null || row.RevokedAt is not null || !ApiKeyTokens.HashesEqual(row.SecretHash, hash))
        {
            return AuthenticateResult.Fail(NotValid);
        }

        await keys.RecordUseAsync(row.Id, Context.RequestAborted);
        List<Claim> claims =
        [
            new(ClaimTypes.Name, row.Name),
            new(ClaimTypes.Role, row.Role),
            new(KeyClaims.KeyId, row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ];
        claims.AddRange(row.TagList.Select(tag => new Claim(KeyClaims.ScopeTag, tag)));
        claims.AddRange(row.SectionList.Select(section => new Claim(KeyClaims.ScopeSection, section)));
        return Success(claims);
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = Challenge;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "Unauthorized",
                // Failure messages are ours and never contain the key.
                Detail = result.Failure?.Message ?? $"This operation needs an API key in the {HeaderName} header or as Authorization: {BearerScheme}.",
            },
        });
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "Forbidden",
                Detail = "This API key's role may not perform this operation.",
            },
        });
    }

    /// <summary>
    /// Reads the key from <c>X-Api-Key</c> or <c>Authorization: Bearer</c>; answers false (with why) when the request is
    /// ambiguous: a header sent twice, or both headers with different keys. Other Authorization schemes are ignored.
    /// </summary>
    private bool TryReadKey(out string? key, out string failure)
    {
        key = null;
        failure = "";
        var apiKey = Request.Headers[HeaderName];
        var authorization = Request.Headers.Authorization;
        if (apiKey.Count > 1 || authorization.Count > 1)
        {
            failure = $"Send the API key once: the {(apiKey.Count > 1 ? HeaderName : "Authorization")} header came more than once.";
            return false;
        }

        var fromHeader = apiKey.Count == 1 && !string.IsNullOrEmpty(apiKey[0]) ? apiKey[0] : null;
        string? fromBearer = null;
        if (authorization.Count == 1 && authorization[0] is { } value
            && value.StartsWith(BearerScheme + " ", StringComparison.OrdinalIgnoreCase) && value[(BearerScheme.Length + 1)..].Trim() is { Length: > 0 } token)
        {
            fromBearer = token;
        }

        if (fromHeader is not null && fromBearer is not null && !string.Equals(fromHeader, fromBearer, StringComparison.Ordinal))
        {
            failure = $"The {HeaderName} header and the Authorization bearer token hold different keys; send one key.";
            return false;
        }

        key = fromHeader ?? fromBearer;
        return true;
    }

    private AuthenticateResult Success(IEnumerable<Claim> claims) =>
        AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));

    private static bool FixedTimeEquals(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}

public static class ApiKeySetup
{
    public static IServiceCollection AddApiKeys(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAuthentication(ApiKeyHandler.SchemeName)
            .AddScheme<ApiKeyOptions, ApiKeyHandler>(ApiKeyHandler.SchemeName, options => options.AdminKey = configuration["Headless:AdminKey"]);
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Editor, policy => policy.RequireRole(Policies.RolesOf(Policies.Editor)))
            .AddPolicy(Policies.Admin, policy => policy.RequireRole(Policies.RolesOf(Policies.Admin)))
            .AddPolicy(Policies.Partner, policy => policy.RequireRole(Policies.RolesOf(Policies.Partner)));
        return services;
    }

    /// <summary>Authentication, authorization, and a 401 for a wrong key even on open routes (a typo'd key should not silently read as anonymous).</summary>
    public static WebApplication UseApiKeys(this WebApplication app)
    {
        app.UseAuthentication();
        app.Use(async (context, next) =>
        {
            var result = await context.AuthenticateAsync(ApiKeyHandler.SchemeName);
            if (result.Failure is not null)
            {
                await context.ChallengeAsync(ApiKeyHandler.SchemeName);
                return;
            }

            await next(context);
        });
        app.UseAuthorization();
        return app;
    }
}
