using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Headless.Api.Common.Http;

public static class JsonSetup
{
    /// <summary>The API's JSON options, for code that serialises outside the request pipeline (snapshots, examples, seed data).</summary>
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        return options;
    }

    /// <summary>camelCase, enums as camelCase strings, instants in UTC with a Z, and unknown (or differently cased) properties refused.</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.Converters.Add(new UtcInstantJsonConverter());
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        // Property names match exactly: "Headline" is an unknown property, not a second "headline".
        options.PropertyNameCaseInsensitive = false;
        options.AllowTrailingCommas = false;
        options.ReadCommentHandling = JsonCommentHandling.Disallow;
        options.MaxDepth = 32;
        // Headlines and quotes carry typographic quotes and accents: write them as UTF-8, not \u escapes.
        options.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
    }

    /// <summary>Writes instants as UTC ISO-8601 with a <c>Z</c>; reads any ISO-8601 instant that names its offset.</summary>
    internal sealed class UtcInstantJsonConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.GetString();
            if (text is null
                || !DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var value)
                || !(text.EndsWith('Z') || text.EndsWith('z') || text.Length > 6 && (text[^6] == '+' || text[^6] == '-')))
            {
                throw new JsonException("Expected an ISO-8601 instant with an offset, such as 2026-11-20T09:30:00Z.");
            }

            return value;
        }

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
    }
}
