namespace Headless.Api.Common.Text;

public static class Strings
{
    /// <summary>Trimmed text, or null when there is none: optional fields store no empty strings.</summary>
    public static string? TrimToNull(this string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
