using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Headless.Api.Tests.Contract;

namespace Headless.Api.Tests.Hostile;

/// <summary>
/// Random values for the parameters and bodies of the spec's operations, from their OpenAPI schemas: valid ones that
/// respect <c>type</c>, <c>enum</c>, <c>format</c>, length, range and slug patterns, and hostile ones (long, unicode
/// tricks, injections, huge numbers, wrong types). Seeded, so a failing case reproduces with its seed.
/// </summary>
public sealed class HostileValues(Random random, OpenApiSchemaValidator validator)
{
    /// <summary>Put into a JSON body where a lone surrogate escape (<c>\ud800</c>) goes; <see cref="FinishJson"/> swaps it in.</summary>
    public const string LoneSurrogateMarker = "__LONE_SURROGATE__";

    private static readonly string[] HostileStrings =
    [
        "", " ", "\t\r\n", "'; DROP TABLE articles;--", "\" OR 1=1 --", "' OR '1'='1", "1; SELECT * FROM api_keys",
        "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)", "{{7*7}}", "${jndi:ldap://x/a}",
        "../../etc/passwd", "..\\..\\windows\\win.ini", "%2e%2e%2f%2e%2e%2f", "%00", "a\u0000b", "\u202Eevil\u202C", "مرحبا بالعالم",
        "😀👍🏽🏳️‍🌈", "e\u0301\u0301\u0301\u0301", "Z̴̡̛͚͉a̷̧̛l̶g̸o̵", "\uFEFFbom", "null", "NaN", "Infinity", "-0", "1e308",
        "9223372036854775808", "-9223372036854775809", "99999999999999999999999999", "0x7fffffff", "true", "[]", "{}",
        "\"", "\\", "*", "%", "_", "\"quoted\" AND NEAR(", "a OR b NOT c", "tag:\"x\"", LoneSurrogateMarker,
    ];

    private static readonly string[] HostileNumbersText =
    [
        "0", "-1", "-0", "1.5", "1e308", "-1e308", "2147483648", "9223372036854775807", "9223372036854775808",
        "-9223372036854775809", "99999999999999999999999999999", "NaN", "Infinity", "0x10", " 1", "1,2", "", "abc", "1e3",
    ];

    public Random Random { get; } = random;

    public bool Chance(double p) => Random.NextDouble() < p;

    public T Pick<T>(IReadOnlyList<T> items) => items[Random.Next(items.Count)];

    /// <summary>The schema with <c>$ref</c> and single-element <c>allOf</c> followed; <c>nullable</c> kept from the outside.</summary>
    public JsonObject Resolve(JsonNode schema)
    {
        var node = schema.AsObject();
        for (var i = 0; i < 16; i++)
        {
            if (node["$ref"] is { } reference)
            {
                node = validator.Resolve(reference.GetValue<string>()).AsObject();
            }
            else if (node["allOf"] is JsonArray { Count: 1 } allOf && node["properties"] is null)
            {
                node = allOf[0]!.AsObject();
            }
            else
            {
                break;
            }
        }

        return node;
    }

    /// <summary>A value the schema accepts (as far as its keywords say).</summary>
    public JsonNode? Valid(JsonNode schemaNode, string name = "", int depth = 0)
    {
        var schema = Resolve(schemaNode);
        if (schema["enum"] is JsonArray values && values.Count > 0)
        {
            return Pick(values.ToList())?.DeepClone();
        }

        var type = schema["type"]?.GetValue<string>() ?? (schema["properties"] is not null ? "object" : "string");
        switch (type)
        {
            case "integer":
                var min = (long)(schema["minimum"]?.GetValue<double>() ?? 1);
                var max = (long)(schema["maximum"]?.GetValue<double>() ?? Math.Max(min, 50));
                return JsonValue.Create(Random.NextInt64(min, max + 1));
            case "number":
                return JsonValue.Create(Math.Round(Random.NextDouble() * 100, 3));
            case "boolean":
                return JsonValue.Create(Chance(0.5));
            case "array":
                var array = new JsonArray();
                var count = depth > 2 ? 0 : Random.Next(0, 4);
                for (var i = 0; i < count && schema["items"] is { } items; i++)
                {
                    array.Add(Valid(items, name, depth + 1));
                }

                return array;
            case "object":
                return ValidObject(schema, depth);
            default:
                return JsonValue.Create(ValidString(schema, name));
        }
    }

    /// <summary>An object with its required properties and some of its optional ones, each valid.</summary>
    public JsonObject ValidObject(JsonObject schema, int depth = 0)
    {
        var result = new JsonObject();
        var required = schema["required"]?.AsArray().Select(r => r!.GetValue<string>()).ToHashSet() ?? [];
        foreach (var (property, propertySchema) in schema["properties"]?.AsObject() ?? [])
        {
            if (required.Contains(property) || (depth < 3 && Chance(0.5)))
            {
                result[property] = Valid(propertySchema!, property, depth + 1);
            }
        }

        return result;
    }

    /// <summary>A string that fits the schema's format, pattern and length, with hints from the property's name.</summary>
    public string ValidString(JsonObject schema, string name)
    {
        var format = schema["format"]?.GetValue<string>();
        if (format == "date-time")
        {
            return DateTimeOffset.UnixEpoch.AddSeconds(Random.NextInt64(1_500_000_000, 1_900_000_000)).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        }

        var lower = name.ToLowerInvariant();
        if (lower.Contains("url", StringComparison.Ordinal) || format == "uri")
        {
            return $"https://example.com/{Slug(8)}";
        }

        if (lower == "language")
        {
            return Pick(["en", "es", "fr", "en-GB"]);
        }

        var minLength = schema["minLength"]?.GetValue<int>() ?? 1;
        var maxLength = Math.Max(minLength, Math.Min(schema["maxLength"]?.GetValue<int>() ?? 40, 40));
        var length = Random.Next(minLength, maxLength + 1);
        if (schema["pattern"] is not null)
        {
            return Slug(Math.Max(1, length));
        }

        var builder = new StringBuilder();
        const string letters = "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        for (var i = 0; i < length; i++)
        {
            builder.Append(letters[Random.Next(letters.Length)]);
        }

        return builder.ToString().Trim() is { Length: > 0 } text ? text : "x";
    }

    /// <summary>A lowercase slug of about <paramref name="length"/> characters (no leading, trailing or double hyphen).</summary>
    public string Slug(int length)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        var builder = new StringBuilder();
        for (var i = 0; i < length; i++)
        {
            var hyphen = i > 0 && i < length - 1 && builder[^1] != '-' && Chance(0.15);
            builder.Append(hyphen ? '-' : alphabet[Random.Next(alphabet.Length)]);
        }

        return builder.ToString();
    }

    /// <summary>A JSON value that is likely wrong for the schema: a hostile string, a huge number, null, a wrong type.</summary>
    public JsonNode? Hostile(JsonNode schemaNode, int depth = 0)
    {
        var schema = Resolve(schemaNode);
        switch (Random.Next(9))
        {
            case 0:
                return null;
            case 1:
                return JsonValue.Create(HostileString());
            case 2:
                return Pick<Func<JsonNode>>(
                [
                    () => JsonValue.Create(1e308), () => JsonValue.Create(-1e308), () => JsonValue.Create(9223372036854775808UL),
                    () => JsonValue.Create(-0.0), () => JsonValue.Create(long.MinValue), () => JsonValue.Create(2147483648L),
                    () => JsonValue.Create(-1), () => JsonValue.Create(0), () => JsonValue.Create(1.5),
                    () => JsonNode.Parse("123456789012345678901234567890")!, () => JsonNode.Parse("1e400")!,
                ])();
            case 3:
                return new JsonObject { ["unexpected"] = HostileString(), ["nested"] = new JsonObject { ["a"] = new JsonArray(1, 2) } };
            case 4:
                return new JsonArray(JsonValue.Create(HostileString()), JsonValue.Create(1), null, new JsonObject());
            case 5:
                return JsonValue.Create(Chance(0.5));
            case 6 when schema["properties"] is not null && depth < 3:
                var value = ValidObject(schema, depth + 1);
                foreach (var (property, propertySchema) in schema["properties"]!.AsObject().ToList())
                {
                    if (Chance(0.3))
                    {
                        value[property] = Hostile(propertySchema!, depth + 1);
                    }
                }

                return value;
            case 7 when schema["items"] is { } items && depth < 3:
                return new JsonArray(Enumerable.Range(0, Random.Next(1, 4)).Select(_ => Hostile(items, depth + 1)).ToArray());
            default:
                return JsonValue.Create(LongString());
        }
    }

    public string HostileString() => Chance(0.15) ? LongString() : Pick(HostileStrings);

    public string LongString()
    {
        var unit = Pick(["a", "é", "😀", "<b>", "'", "-", "ab c"]);
        var length = Pick([10_001, 20_000, 70_000]);
        return string.Concat(Enumerable.Repeat(unit, length / unit.Length + 1));
    }

    /// <summary>A query or header text for a parameter: valid for its schema most of the time when <paramref name="valid"/>.</summary>
    public string Text(JsonNode schemaNode, string name, bool valid)
    {
        var schema = Resolve(schemaNode);
        if (valid)
        {
            return Valid(schema, name) switch
            {
                null => "",
                JsonValue v when v.TryGetValue<string>(out var s) => s,
                JsonValue v when v.TryGetValue<bool>(out var b) => b ? "true" : "false",
                var other => other.ToJsonString(),
            };
        }

        var type = schema["type"]?.GetValue<string>();
        var text = type is "integer" or "number" && Chance(0.6) ? Pick(HostileNumbersText) : HostileString();
        // A lone surrogate cannot be UTF-8 encoded into a URL; its encoded bytes (invalid UTF-8) stand in for it.
        return text == LoneSurrogateMarker ? "%ED%A0%80" : text;
    }

    /// <summary>
    /// A path segment for an id that may not exist or fit: negative, zero, beyond int64, encoded traversal. No <c>%00</c>:
    /// TestServer throws on it before the API sees the request (Kestrel answers it 400 itself).
    /// </summary>
    public string HostileId() => Pick(
    [
        "0", "-1", "-9223372036854775808", "9223372036854775807", "9223372036854775808", "99999999999999999999999999999",
        "1.5", "1e3", "abc", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "..%2F..%2Fetc%2Fpasswd", "%252e%252e%252f", "%20",
        "1%3B%20DROP%20TABLE%20articles", "%27%20OR%201%3D1", new string('9', 5000), new string('a', 12_000), "%ED%A0%80",
        "%F0%9F%98%80", "%E2%80%AE", "1%2F2", "<script>", "NaN", "0x1",
    ]);

    /// <summary>The JSON text of a node, with the lone surrogate marker made a real <c>\ud800</c> escape.</summary>
    public static string FinishJson(JsonNode? node) =>
        (node?.ToJsonString() ?? "null").Replace(LoneSurrogateMarker, "\\ud800x\\udfff", StringComparison.Ordinal);

    /// <summary>Text that is not JSON, or is JSON a parser may choke on.</summary>
    public string MalformedJson() => Pick(
    [
        "", "{", "}", "{\"headline\":", "[", "nul", "{'single': 'quotes'}", "{\"a\":1,}", "{\"a\" 1}", "{\"a\":\"unterminated}",
        "\"just a string\"", "42", "null", "[]", "true", "{\"a\":1}{\"b\":2}", "\u0000", "{\"a\":\"\\u12\"}",
        new string('[', 5000) + new string(']', 5000), string.Concat(Enumerable.Repeat("{\"a\":", 300)) + "1" + new string('}', 300),
        "{\"headline\":\"x\",\"headline\":\"y\"}", "<xml/>", "headline=x&slug=y", "\uFEFF{}",
    ]);
}
