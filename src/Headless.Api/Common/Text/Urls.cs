using System.Text.RegularExpressions;

namespace Headless.Api.Common.Text;

/// <summary>Checks for the URLs and language tags that content carries.</summary>
public static partial class Urls
{
    public const int MaxLength = 2048;

    public static bool IsAbsoluteHttp(string? value) =>
        value is { Length: > 0 and <= MaxLength }
        && Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(uri.Host)
        && !value.Any(char.IsWhiteSpace);

    /// <summary>A path on our own site: starts with one slash (not //, which would be another host).</summary>
    public static bool IsSiteRelative(string? value) =>
        value is { Length: > 0 and <= MaxLength }
        && value[0] == '/'
        && !value.StartsWith("//", StringComparison.Ordinal)
        && !value.Contains('\\')
        && !value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));

    public static bool IsAbsoluteHttpOrSiteRelative(string? value) => IsAbsoluteHttp(value) || IsSiteRelative(value);

    /// <summary>A well-formed BCP 47 tag (language, optional script, region and variants), such as en, es-MX, zh-Hant-TW.</summary>
    public static bool IsLanguageTag(string? value) => value is { Length: <= 35 } && LanguageTag().IsMatch(value);

    [GeneratedRegex(@"^[A-Za-z]{2,3}(-[A-Za-z]{4})?(-(?:[A-Za-z]{2}|[0-9]{3}))?(-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*$", RegexOptions.CultureInvariant)]
    private static partial Regex LanguageTag();
}
