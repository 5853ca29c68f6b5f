using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Headless.Api.Common.Auth;

/// <summary>
/// The secrets of database API keys: <c>hl_</c> and 32 random bytes in base64url. Only their SHA-256 hash is stored;
/// a salt or a slow hash would add nothing for 256-bit random secrets, and a plain hash can be looked up.
/// </summary>
public static class ApiKeyTokens
{
    public const string Prefix = "hl_";

    /// <summary>How many leading characters of a secret are kept to recognise it by (the prefix and 7 random characters).</summary>
    public const int DisplayPrefixLength = 10;

    /// <summary>A new secret: <c>hl_</c> followed by 43 base64url characters.</summary>
    public static string NewSecret() => Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>True when the text has the shape of a database key, so other text need not be looked up.</summary>
    public static bool LooksLikeSecret(string text) => text.StartsWith(Prefix, StringComparison.Ordinal) && text.Length <= 200;

    /// <summary>The stored form of a secret: lowercase hex SHA-256 of its UTF-8 bytes.</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>The leading characters shown in lists, enough to tell keys apart and nothing to guess the rest from.</summary>
    public static string DisplayPrefix(string secret) => secret[..Math.Min(DisplayPrefixLength, secret.Length)];

    /// <summary>Compares two hex hashes in constant time.</summary>
    public static bool HashesEqual(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));
}
