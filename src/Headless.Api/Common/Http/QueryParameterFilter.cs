using System.Reflection;
using Microsoft.AspNetCore.Mvc;

namespace Headless.Api.Common.Http;

/// <summary>
/// Refuses query parameters an operation does not know, naming the ones it does, so a typo such as
/// <c>?tags=</c> for <c>?tag=</c> is a 400 instead of a silently ignored filter. The allowed names are read
/// from the handler's <c>[AsParameters]</c> query types and <c>[FromQuery]</c> parameters.
/// </summary>
public static class QueryParameterFilter
{
    public static EndpointFilterDelegate Create(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var allowed = AllowedNames(context.MethodInfo);
        return async invocation =>
        {
            var unknown = invocation.HttpContext.Request.Query.Keys.Where(key => !allowed.Contains(key)).ToList();
            if (unknown.Count == 0)
            {
                return await next(invocation);
            }

            var allowedText = allowed.Count == 0 ? "none" : string.Join(", ", allowed.Order(StringComparer.Ordinal));
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Unknown query parameter",
                detail: $"Unknown query parameter(s): {string.Join(", ", unknown)}. This operation accepts: {allowedText}.",
                extensions: new Dictionary<string, object?> { ["unknown"] = unknown, ["allowed"] = allowed.Order(StringComparer.Ordinal).ToList() });
        };
    }

    internal static HashSet<string> AllowedNames(MethodInfo method)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in method.GetParameters())
        {
            if (parameter.GetCustomAttribute<FromQueryAttribute>() is { } fromQuery)
            {
                names.Add(fromQuery.Name ?? parameter.Name!);
            }
            else if (parameter.GetCustomAttribute<AsParametersAttribute>() is not null)
            {
                foreach (var property in parameter.ParameterType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
                {
                    if (property.GetCustomAttribute<FromQueryAttribute>() is { } propertyFromQuery)
                    {
                        names.Add(propertyFromQuery.Name ?? property.Name);
                    }
                }
            }
        }

        return names;
    }
}
