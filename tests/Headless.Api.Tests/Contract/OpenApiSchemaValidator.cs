using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Headless.Api.Tests.Contract;

/// <summary>
/// Validates a JSON value against an OpenAPI 3.0 schema object, for the subset of OpenAPI the API's generated document
/// uses (Swashbuckle with <c>UseAllOfToExtendReferenceSchemas</c>): <c>$ref</c> to <c>#/components/schemas</c>,
/// <c>allOf</c> (a reference with a description or <c>nullable</c> next to it), <c>oneOf</c>/<c>anyOf</c>, <c>type</c>,
/// <c>nullable</c>, <c>enum</c>, <c>required</c>, <c>properties</c>, <c>additionalProperties</c>, <c>items</c> and the
/// formats <c>date-time</c>, <c>int32</c>, <c>int64</c>, <c>double</c>.
/// </summary>
/// <remarks>
/// <para>
/// Written here rather than taken from NJsonSchema because OpenAPI 3.0 schemas are not JSON Schema: <c>nullable: true</c>
/// (not a <c>"null"</c> type) is what allows null, including next to an <c>allOf</c> whose target is an object; JSON
/// Schema validators either ignore <c>nullable</c> or need the document converted first. The subset is small, and owning
/// it gives messages that name the JSON path of each violation.
/// </para>
/// <para>
/// It is strict where a response can drift from its contract: a property the schema does not declare is a violation
/// unless the schema allows more with <c>additionalProperties</c> (an object schema that leaves
/// <c>additionalProperties</c> out is treated as closed, as every generated response schema says so anyway); null is a
/// violation unless <c>nullable: true</c>; an integer must fit its format. A schema keyword it does not know is reported
/// as a violation too, so that a spec that starts using one cannot be "validated" by silently ignoring it.
/// </para>
/// </remarks>
public sealed partial class OpenApiSchemaValidator(JsonNode document)
{
    private static readonly HashSet<string> Annotations = new(StringComparer.Ordinal)
    {
        "description", "example", "examples", "readOnly", "writeOnly", "title", "deprecated", "default", "externalDocs", "xml",
    };

    /// <summary>Validates <paramref name="instance"/> against <paramref name="schema"/>; answers the violations, each starting with its JSON path.</summary>
    /// <param name="schema">The OpenAPI schema object.</param>
    /// <param name="instance">The JSON value (null for a JSON null).</param>
    /// <param name="path">The JSON path of the value, for the messages.</param>
    /// <param name="sparse">
    /// For a sparse fieldset (<c>fields=id,slug</c>): the schema reference whose objects are trimmed and the fields asked
    /// for. Those objects need only the required properties that were asked for; everything else is checked as usual.
    /// </param>
    public List<string> Validate(JsonNode schema, JsonNode? instance, string path = "$", SparseFieldset? sparse = null)
    {
        var errors = new List<string>();
        Check(schema, instance, path, errors, depth: 0, sparse, trimmed: false);
        return errors;
    }

    /// <summary>The schema a <c>$ref</c> such as <c>#/components/schemas/ArticleResponse</c> points to.</summary>
    public JsonNode Resolve(string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Only local references are supported, not '{reference}'.");
        }

        JsonNode? node = document;
        foreach (var segment in reference[2..].Split('/'))
        {
            node = node?[segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)];
        }

        return node ?? throw new InvalidOperationException($"The reference '{reference}' points to nothing in the document.");
    }

    private void Check(JsonNode schemaNode, JsonNode? instance, string path, List<string> errors, int depth, SparseFieldset? sparse, bool trimmed)
    {
        if (depth > 64)
        {
            errors.Add($"{path}: schema nesting deeper than 64 (a reference cycle?)");
            return;
        }

        var schema = schemaNode.AsObject();
        if (schema["$ref"] is { } reference)
        {
            // In OpenAPI 3.0 the siblings of a $ref are ignored; the generator puts them next to an allOf instead.
            var target = reference.GetValue<string>();
            Check(Resolve(target), instance, path, errors, depth + 1, sparse, trimmed: sparse?.Reference == target);
            return;
        }

        foreach (var (keyword, _) in schema)
        {
            if (!Annotations.Contains(keyword) && !keyword.StartsWith("x-", StringComparison.Ordinal) && keyword is not
                ("type" or "nullable" or "format" or "enum" or "allOf" or "oneOf" or "anyOf" or "properties" or "required" or "additionalProperties" or "items"
                 or "minLength" or "maxLength" or "minimum" or "maximum" or "minItems" or "maxItems" or "pattern"))
            {
                errors.Add($"{path}: the schema uses '{keyword}', which this validator does not check; teach it before relying on it");
            }
        }

        if (instance is null)
        {
            if (schema["nullable"]?.GetValue<bool>() != true)
            {
                errors.Add($"{path}: null, but the schema is not nullable ({Describe(schema)})");
            }

            return;
        }

        if (schema["allOf"] is JsonArray allOf)
        {
            foreach (var part in allOf)
            {
                Check(part!, instance, path, errors, depth + 1, sparse, trimmed);
            }
        }

        if (schema["oneOf"] is JsonArray oneOf)
        {
            var matching = oneOf.Count(part => Validate(part!, instance, path, sparse).Count == 0);
            if (matching != 1)
            {
                errors.Add($"{path}: matches {matching} of the {oneOf.Count} oneOf schemas, not exactly one");
            }
        }

        if (schema["anyOf"] is JsonArray anyOf && !anyOf.Any(part => Validate(part!, instance, path, sparse).Count == 0))
        {
            errors.Add($"{path}: matches none of the {anyOf.Count} anyOf schemas");
        }

        if (schema["enum"] is JsonArray values && !values.Any(value => JsonNode.DeepEquals(value, instance)))
        {
            errors.Add($"{path}: {Short(instance)} is not one of the enum values [{string.Join(", ", values.Select(v => v?.ToJsonString()))}]");
        }

        var type = schema["type"]?.GetValue<string>();
        switch (type)
        {
            case null:
                break;
            case "object":
                if (instance is not JsonObject obj)
                {
                    errors.Add($"{path}: expected an object, got {Kind(instance)}");
                    return;
                }

                CheckObject(schema, obj, path, errors, depth, sparse, trimmed);
                break;
            case "array":
                if (instance is not JsonArray array)
                {
                    errors.Add($"{path}: expected an array, got {Kind(instance)}");
                    return;
                }

                CheckCount(schema, array.Count, "items", path, errors);
                if (schema["items"] is { } items)
                {
                    for (var i = 0; i < array.Count; i++)
                    {
                        Check(items, array[i], $"{path}[{i}]", errors, depth + 1, sparse, trimmed: false);
                    }
                }

                break;
            case "string":
                if (instance is not JsonValue stringValue || stringValue.GetValueKind() != JsonValueKind.String)
                {
                    errors.Add($"{path}: expected a string, got {Kind(instance)}");
                    return;
                }

                CheckString(schema, stringValue.GetValue<string>(), path, errors);
                break;
            case "integer":
            case "number":
                if (instance is not JsonValue number || number.GetValueKind() != JsonValueKind.Number)
                {
                    errors.Add($"{path}: expected {(type == "integer" ? "an integer" : "a number")}, got {Kind(instance)}");
                    return;
                }

                CheckNumber(schema, type, number, path, errors);
                break;
            case "boolean":
                if (instance.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
                {
                    errors.Add($"{path}: expected a boolean, got {Kind(instance)}");
                }

                break;
            default:
                errors.Add($"{path}: the schema has the unknown type '{type}'");
                break;
        }
    }

    private void CheckObject(JsonObject schema, JsonObject instance, string path, List<string> errors, int depth, SparseFieldset? sparse, bool trimmed)
    {
        var properties = schema["properties"]?.AsObject();
        if (properties is null && schema["allOf"] is not null)
        {
            // A reference with a sibling "type: object" (so that OpenAPI 3.0 honours its nullable): the allOf parts
            // declare and check the properties.
            return;
        }

        foreach (var required in schema["required"]?.AsArray() ?? [])
        {
            var name = required!.GetValue<string>();
            if (!instance.ContainsKey(name) && !(trimmed && !sparse!.Fields.Contains(name)))
            {
                errors.Add($"{Child(path, name)}: the required property '{name}' is missing");
            }
        }

        var additional = schema["additionalProperties"];
        foreach (var (name, value) in instance)
        {
            if (properties?[name] is { } propertySchema)
            {
                Check(propertySchema, value, Child(path, name), errors, depth + 1, sparse, trimmed: false);
            }
            else if (additional is JsonObject additionalSchema)
            {
                Check(additionalSchema, value, Child(path, name), errors, depth + 1, sparse, trimmed: false);
            }
            else if (additional is null || additional.GetValueKind() == JsonValueKind.False)
            {
                errors.Add($"{Child(path, name)}: the property '{name}' is not declared in the schema ({Describe(schema)}) — an undocumented field");
            }
        }
    }

    private static void CheckString(JsonObject schema, string value, string path, List<string> errors)
    {
        CheckCount(schema, value.Length, "length", path, errors);
        if (schema["pattern"]?.GetValue<string>() is { } pattern && !Regex.IsMatch(value, pattern))
        {
            errors.Add($"{path}: \"{value}\" does not match the pattern {pattern}");
        }

        switch (schema["format"]?.GetValue<string>())
        {
            case "date-time":
                if (!DateTimePattern().IsMatch(value)
                    || !DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _))
                {
                    errors.Add($"{path}: \"{value}\" is not an RFC 3339 date-time");
                }

                break;
            case "date":
                if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                {
                    errors.Add($"{path}: \"{value}\" is not an RFC 3339 full-date");
                }

                break;
            case "uri":
                if (!Uri.TryCreate(value, UriKind.Absolute, out _))
                {
                    errors.Add($"{path}: \"{value}\" is not an absolute URI");
                }

                break;
        }
    }

    private static void CheckNumber(JsonObject schema, string type, JsonValue number, string path, List<string> errors)
    {
        var text = number.ToJsonString();
        var format = schema["format"]?.GetValue<string>();
        if (type == "integer" || format is "int32" or "int64")
        {
            if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var exact) || decimal.Truncate(exact) != exact)
            {
                errors.Add($"{path}: {text} is not an integer");
                return;
            }

            if (format == "int32" && (exact < int.MinValue || exact > int.MaxValue))
            {
                errors.Add($"{path}: {text} does not fit int32");
            }
            else if (format == "int64" && (exact < long.MinValue || exact > long.MaxValue))
            {
                errors.Add($"{path}: {text} does not fit int64");
            }
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            if (schema["minimum"] is { } minimum && value < minimum.GetValue<double>())
            {
                errors.Add($"{path}: {text} is below the minimum {minimum}");
            }

            if (schema["maximum"] is { } maximum && value > maximum.GetValue<double>())
            {
                errors.Add($"{path}: {text} is above the maximum {maximum}");
            }
        }
    }

    private static void CheckCount(JsonObject schema, int count, string what, string path, List<string> errors)
    {
        var (min, max) = what == "items" ? ("minItems", "maxItems") : ("minLength", "maxLength");
        if (schema[min] is { } low && count < low.GetValue<int>())
        {
            errors.Add($"{path}: {count} {what}, fewer than {min} {low}");
        }

        if (schema[max] is { } high && count > high.GetValue<int>())
        {
            errors.Add($"{path}: {count} {what}, more than {max} {high}");
        }
    }

    private static string Child(string path, string name) =>
        IdentifierPattern().IsMatch(name) ? $"{path}.{name}" : $"{path}[{JsonSerializer.Serialize(name)}]";

    private static string Kind(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "an array",
        _ => $"{node.GetValueKind().ToString().ToLowerInvariant()} {Short(node)}",
    };

    private static string Short(JsonNode node)
    {
        var text = node.ToJsonString();
        return text.Length > 60 ? text[..57] + "..." : text;
    }

    private static string Describe(JsonObject schema)
    {
        var description = schema["description"]?.GetValue<string>();
        return description is null ? "no description" : $"\"{(description.Length > 50 ? description[..47] + "..." : description)}\"";
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")]
    private static partial Regex DateTimePattern();

    [GeneratedRegex("^[A-Za-z_$][A-Za-z0-9_$]*$")]
    private static partial Regex IdentifierPattern();
}

/// <summary>A sparse fieldset: objects of the schema <paramref name="Reference"/> carry only <paramref name="Fields"/>.</summary>
public sealed record SparseFieldset(string Reference, IReadOnlySet<string> Fields);
