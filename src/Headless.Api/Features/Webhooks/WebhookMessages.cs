using System.Security.Cryptography;

namespace Headless.Api.Features.Webhooks;

/// <summary>Standard Webhooks signing secrets: <c>whsec_</c> and the base64 of 24 to 64 random bytes.</summary>
public static class WebhookSecrets
{
    public const string Prefix = "whsec_";
    public const int MinBytes = 24;
    public const int MaxBytes = 64;
    public const int DefaultBytes = 32;

    public static string New() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(DefaultBytes));

    public static bool IsValid(string? secret) => TryDecode(secret, out var key) && key.Length is >= MinBytes and <= MaxBytes;

    /// <summary>The key bytes of a secret (the base64 after the prefix).</summary>
    public static bool TryDecode(string? secret, out byte[] key)
    {
        key = [];
        if (secret is null || !secret.StartsWith(Prefix, StringComparison.Ordinal) || secret.Length > 200 || secret.Any(char.IsWhiteSpace))
        {
            return false;
        }

        var text = secret[Prefix.Length..];
        var buffer = new byte[text.Length];
        if (!Convert.TryFromBase64String(text, buffer, out var written))
        {
            return false;
        }

        key = buffer[..written];
        return true;
    }

    /// <summary>What reads show of a secret: the prefix and its last 4 characters.</summary>
    public static string Hint(string secret) => $"{Prefix}…{secret[^4..]}";
}
