using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Headless.Api.Common.Text;

/// <summary>URL slugs: lowercase a-z, 0-9 and single hyphens, culture invariant.</summary>
public static partial class Slugs
{
    public const int MaxLength = 120;
    public const string Pattern = "^[a-z0-9]+(?:-[a-z0-9]+)*$";

    public static bool IsValid(string? slug) => slug is not null && slug.Length <= MaxLength && SlugRegex().IsMatch(slug);

    /// <summary>
    /// Makes a slug from a headline or name: diacritics folded (México → mexico), apostrophes and quotation marks
    /// dropped (Mexico’s → mexicos), every other run of non-alphanumerics a single hyphen, cut at a hyphen to at
    /// most <paramref name="maxLength"/> characters. Answers an empty string when nothing usable is left.
    /// </summary>
    public static string From(string text, int maxLength = MaxLength)
    {
        var decomposed = text.Normalize(NormalizationForm.FormKD);
        var builder = new StringBuilder(decomposed.Length);
        var pendingHyphen = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark || IsQuoteOrApostrophe(c))
            {
                continue;
            }

            var folded = Fold(c);
            if (folded is null)
            {
                pendingHyphen = builder.Length > 0;
                continue;
            }

            if (pendingHyphen)
            {
                builder.Append('-');
                pendingHyphen = false;
            }

            builder.Append(folded);
        }

        var slug = builder.ToString();
        if (slug.Length <= maxLength)
        {
            return slug;
        }

        var cut = slug[..maxLength];
        var lastHyphen = cut.LastIndexOf('-');
        return (lastHyphen > 0 ? cut[..lastHyphen] : cut).TrimEnd('-');
    }

    private static bool IsQuoteOrApostrophe(char c) =>
        c is '\'' or '"' or '`' or '\u2018' or '\u2019' or '\u201A' or '\u201B' or '\u201C' or '\u201D' or '\u201E' or '\u201F'
            or '\u00AB' or '\u00BB' or '\u2039' or '\u203A' or '\u02BC' or '\u00B4';

    /// <summary>The ASCII form of a letter or digit, or null for a separator.</summary>
    private static string? Fold(char c)
    {
        if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
        {
            return c.ToString();
        }

        if (c is >= 'A' and <= 'Z')
        {
            return ((char)(c + 32)).ToString();
        }

        return c switch
        {
            'ß' => "ss",
            'æ' or 'Æ' => "ae",
            'œ' or 'Œ' => "oe",
            'ø' or 'Ø' => "o",
            'đ' or 'Đ' or 'ð' or 'Ð' => "d",
            'ł' or 'Ł' => "l",
            'þ' or 'Þ' => "th",
            'ı' => "i",
            _ => null,
        };
    }

    [GeneratedRegex(Pattern, RegexOptions.CultureInvariant)]
    private static partial Regex SlugRegex();
}
