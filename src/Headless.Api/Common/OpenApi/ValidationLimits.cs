using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluentValidation;
using FluentValidation.Validators;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Headless.Api.Common.OpenApi;

/// <summary>
/// Puts the limits the FluentValidation validators enforce into the OpenAPI document, so the contract states them and
/// cannot drift from them: lengths (<c>minLength</c>/<c>maxLength</c>), ranges (<c>minimum</c>/<c>maximum</c>),
/// <c>pattern</c>s, and required non-empty strings. Rules written as code (<c>Must</c>, <c>Custom</c>) have no
/// machine-readable form; their descriptions say what they check.
/// </summary>
public static class ValidationLimits
{
    /// <summary>
    /// The simple rules of the validators of <paramref name="type"/> and of the interfaces and base classes it has
    /// validators for (a validator's <c>Include</c> of those is code, not a descriptor), by camelCase member name.
    /// </summary>
    public static ILookup<string, IPropertyValidator> For(IServiceProvider services, Type type)
    {
        var types = new[] { type }.Concat(type.GetInterfaces()).Concat(BaseTypes(type));
        return types
            .Select(t => services.GetService(typeof(IValidator<>).MakeGenericType(t)))
            .OfType<IValidator>()
            .SelectMany(validator => validator.CreateDescriptor().GetMembersWithValidators())
            .SelectMany(member => member.Select(rule => (Name: JsonNamingPolicy.CamelCase.ConvertName(member.Key), rule.Validator)))
            .ToLookup(p => p.Name, p => p.Validator);
    }

    private static IEnumerable<Type> BaseTypes(Type type)
    {
        for (var current = type.BaseType; current is not null && current != typeof(object); current = current.BaseType)
        {
            yield return current;
        }
    }

    /// <summary>Applies the rules to one property's or parameter's schema (for an array, to its items where they concern the items).</summary>
    public static void Apply(OpenApiSchema schema, IEnumerable<IPropertyValidator> rules)
    {
        foreach (var rule in rules)
        {
            switch (rule)
            {
                case ILengthValidator length when IsString(schema):
                    if (length.Min > 0)
                    {
                        schema.MinLength = length.Min;
                    }

                    if (length.Max > 0)
                    {
                        schema.MaxLength = length.Max;
                    }

                    break;
                case ILengthValidator length when IsArray(schema) && length.Max > 0:
                    schema.MaxItems = length.Max;
                    break;
                case IBetweenValidator { From: IConvertible from, To: IConvertible to } between when IsNumber(schema):
                    schema.Minimum = Number(from);
                    schema.Maximum = Number(to);
                    if (between.Name == "ExclusiveBetweenValidator")
                    {
                        schema.ExclusiveMinimum = schema.Minimum;
                        schema.ExclusiveMaximum = schema.Maximum;
                        schema.Minimum = null;
                        schema.Maximum = null;
                    }

                    break;
                case IComparisonValidator { ValueToCompare: IConvertible value } comparison when IsNumber(schema):
                    switch (comparison.Comparison)
                    {
                        case Comparison.GreaterThanOrEqual:
                            schema.Minimum = Number(value);
                            break;
                        case Comparison.GreaterThan:
                            schema.ExclusiveMinimum = Number(value);
                            break;
                        case Comparison.LessThanOrEqual:
                            schema.Maximum = Number(value);
                            break;
                        case Comparison.LessThan:
                            schema.ExclusiveMaximum = Number(value);
                            break;
                    }

                    break;
                case IRegularExpressionValidator regex when IsString(schema):
                    schema.Pattern = regex.Expression;
                    break;
                case INotEmptyValidator when IsString(schema) && (schema.MinLength ?? 0) == 0:
                    schema.MinLength = 1;
                    break;
            }
        }
    }

    /// <summary>Members that hold slugs (checked in code by <see cref="Text.Slugs.IsValid"/>) get its pattern and length.</summary>
    private static readonly HashSet<string> SlugMembers = new(StringComparer.Ordinal) { "slug", "tag", "tagAll", "tags" };

    internal static void ApplySlug(string member, OpenApiSchema schema)
    {
        if (!SlugMembers.Contains(member))
        {
            return;
        }

        var target = IsArray(schema) ? schema.Items as OpenApiSchema : schema;
        if (target is not null && IsString(target))
        {
            target.Pattern ??= Text.Slugs.Pattern;
            target.MaxLength ??= Text.Slugs.MaxLength;
        }
    }

    private static bool IsString(OpenApiSchema schema) => schema.Type is { } type && type.HasFlag(JsonSchemaType.String);

    private static bool IsArray(OpenApiSchema schema) => schema.Type is { } type && type.HasFlag(JsonSchemaType.Array);

    private static bool IsNumber(OpenApiSchema schema) => schema.Type is { } type && (type.HasFlag(JsonSchemaType.Integer) || type.HasFlag(JsonSchemaType.Number));

    private static string Number(IConvertible value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The rules on request bodies: applied to the properties of a validated type's schema.</summary>
    internal sealed class SchemaFilter(IServiceProvider services) : ISchemaFilter
    {
        public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
        {
            if (schema is not OpenApiSchema { Properties: { Count: > 0 } properties })
            {
                return;
            }

            var rules = For(services, context.Type);
            foreach (var (name, property) in properties)
            {
                if (property is OpenApiSchema concrete && rules.Contains(name))
                {
                    ValidationLimits.Apply(concrete, rules[name]);
                    ApplySlug(name, concrete);
                }
            }
        }
    }

    /// <summary>The rules on query parameters: applied to each parameter bound from a validated <c>[AsParameters]</c> class.</summary>
    internal sealed class OperationFilter(IServiceProvider services) : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
            {
                if (parameter is { In: ParameterLocation.Path, Name: "slug", Schema: OpenApiSchema pathSchema })
                {
                    ApplySlug("slug", pathSchema);
                }
            }

            foreach (var description in context.ApiDescription.ParameterDescriptions)
            {
                if (description.ModelMetadata?.ContainerType is not { } container
                    || operation.Parameters?.OfType<OpenApiParameter>().FirstOrDefault(p => p.Name == description.Name) is not { Schema: OpenApiSchema schema })
                {
                    continue;
                }

                var rules = For(services, container);
                var member = JsonNamingPolicy.CamelCase.ConvertName(description.ModelMetadata.PropertyName ?? description.Name);
                if (rules.Contains(member))
                {
                    ValidationLimits.Apply(schema, rules[member]);
                    ApplySlug(member, schema);
                }
            }
        }
    }
}
