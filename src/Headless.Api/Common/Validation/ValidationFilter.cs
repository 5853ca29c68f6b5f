using System.Text.Json;
using FluentValidation;

namespace Headless.Api.Common.Validation;

/// <summary>
/// The one validation mechanism: finds the endpoint's argument of type <typeparamref name="T"/>, runs its
/// FluentValidation validator and answers a 400 validation problem whose keys name camelCase JSON fields.
/// </summary>
public sealed class ValidationFilter<T>(IValidator<T> validator) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var argument = context.Arguments.OfType<T>().FirstOrDefault();
        if (argument is null)
        {
            return await next(context);
        }

        var result = await validator.ValidateAsync(argument, context.HttpContext.RequestAborted);
        if (result.IsValid)
        {
            return await next(context);
        }

        return ValidationSetup.Problem(result);
    }
}

/// <summary>Marks an endpoint as validated, so the OpenAPI document can say it may answer 400.</summary>
public sealed record ValidatedMetadata(Type ArgumentType);

public static class ValidationSetup
{
    /// <summary>Registers the validators of this assembly and makes error keys and messages name camelCase fields.</summary>
    public static IServiceCollection AddRequestValidation(this IServiceCollection services)
    {
        ValidatorOptions.Global.PropertyNameResolver = (_, member, _) => member is null ? null : CamelCase(member.Name);
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) => member is null ? null : CamelCase(member.Name);
        ValidatorOptions.Global.LanguageManager.Enabled = false;
        services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Singleton, includeInternalTypes: true);
        return services;
    }

    /// <summary>Validates the endpoint's <typeparamref name="T"/> argument (a body or an <c>[AsParameters]</c> query).</summary>
    public static RouteHandlerBuilder WithValidation<T>(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter<ValidationFilter<T>>().WithMetadata(new ValidatedMetadata(typeof(T)));

    /// <summary>The 400 validation problem for a failed validation: errors keyed by camelCase field path.</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.ValidationProblem Problem(FluentValidation.Results.ValidationResult result) =>
        TypedResults.ValidationProblem(
            result.Errors.GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray()),
            title: "The request is not valid.",
            detail: "See errors for the fields to fix.");

    private static string CamelCase(string name) => JsonNamingPolicy.CamelCase.ConvertName(name);
}
