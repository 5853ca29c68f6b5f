using FluentValidation;
using Headless.Api.Common.Http;
using Headless.Api.Common.Text;
using Microsoft.Extensions.Options;

namespace Headless.Api.Features.Webhooks;

public sealed class WebhookRequestValidator : AbstractValidator<WebhookRequest>
{
    public const int MaxEvents = 50;

    public WebhookRequestValidator(IOptions<WebhookOptions> options)
    {
        RuleFor(x => x.Url).Cascade(CascadeMode.Stop)
            .Must(u => !string.IsNullOrWhiteSpace(u)).WithMessage("'url' is required.")
            .Must(Urls.IsAbsoluteHttp).WithMessage($"'url' must be an absolute http or https URL of at most {Urls.MaxLength} characters.")
            .Must(u => new Uri(u).UserInfo.Length == 0).WithMessage("'url' may not hold a user name or password (lists show the URL); the signature authenticates requests.")
            .CustomAsync(async (url, context, ct) =>
            {
                if (!options.Value.AllowPrivateTargets && await WebhookTargets.RefusalAsync(new Uri(url), ct) is { } refusal)
                {
                    context.AddFailure(refusal);
                }
            });

        RuleFor(x => x.Events).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("'events' is required: event names such as article.published, a kind's wildcard such as article.*, or *.")
            .Must(e => e.Count is >= 1 and <= MaxEvents).WithMessage($"'events' must hold 1 to {MaxEvents} events.");
        RuleForEach(x => x.Events).Must(e => e is not null && WebhookEvents.Subscribable.Contains(e))
            .WithMessage((_, e) => $"'{e}' is not an event: use *, article.*, tag.*, quote.*, link.*, or one of {string.Join(", ", WebhookEvents.Names)}.");

        RuleFor(x => x.Secret!).Must(WebhookSecrets.IsValid).When(x => x.Secret is not null)
            .WithMessage($"'secret' must be {WebhookSecrets.Prefix} followed by the base64 of {WebhookSecrets.MinBytes} to {WebhookSecrets.MaxBytes} random bytes; leave it out to have one made.");
    }
}

public sealed class ListWebhooksQueryValidator : AbstractValidator<ListWebhooksQuery>
{
    public ListWebhooksQueryValidator()
    {
        Include(new PagedQueryValidator());
    }
}

public sealed class ListWebhookDeliveriesQueryValidator : AbstractValidator<ListWebhookDeliveriesQuery>
{
    public ListWebhookDeliveriesQueryValidator()
    {
        Include(new PagedQueryValidator());
        RuleFor(x => x.Status).Must(s => s is null or "pending" or "delivered" or "failed").WithMessage("'status' must be pending, delivered or failed.");
    }
}
